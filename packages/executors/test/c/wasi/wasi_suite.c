// Exercises every wasi_snapshot_preview1 function through the raw imports (wasi/api.h), printing
// one "name=errno [values]" line per check. The test compares the whole output with the values
// the witx and wasmtime's wasi-common give. Preopen: fd 3 = "/", holding /input/in.txt (a
// read-only task input, "hello input") and /output/out.txt (a task output).
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

// path_open with an explicit length (to pass NUL bytes and invalid UTF-8).
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t len, int32_t oflags, int64_t base, int64_t inh,
                      int32_t fdflags, int32_t out) __attribute__((__import_module__("wasi_snapshot_preview1"), __import_name__("path_open")));

// proc_raise is gone from later witx revisions (and wasi-libc's header); older modules still import it.
int32_t raw_proc_raise(int32_t sig) __attribute__((__import_module__("wasi_snapshot_preview1"), __import_name__("proc_raise")));

#define P(name, e) printf("%s=%d\n", name, (int)(e))
#define RW (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | \
            __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | \
            __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_SYNC | \
            __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS)
#define DIRR (__WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_FILESTAT_GET)

static __wasi_fd_t open_at(const char *path, __wasi_oflags_t of, __wasi_rights_t r, __wasi_lookupflags_t lf, __wasi_errno_t *err) {
  __wasi_fd_t fd = (__wasi_fd_t)-1;
  *err = __wasi_path_open(3, lf, path, of, r, r, 0, &fd);
  return fd;
}

static __wasi_errno_t wr(__wasi_fd_t fd, const char *s, __wasi_size_t *n) {
  __wasi_ciovec_t iov = {(const uint8_t *)s, strlen(s)};
  return __wasi_fd_write(fd, &iov, 1, n);
}

static __wasi_errno_t rd(__wasi_fd_t fd, char *buf, size_t len, __wasi_size_t *n) {
  __wasi_iovec_t iov = {(uint8_t *)buf, len};
  return __wasi_fd_read(fd, &iov, 1, n);
}

static void stat_line(const char *name, const char *path, __wasi_lookupflags_t lf) {
  __wasi_filestat_t st;
  memset(&st, 0, sizeof st);
  __wasi_errno_t e = __wasi_path_filestat_get(3, lf, path, &st);
  printf("%s=%d type=%d size=%llu nlink=%llu\n", name, e, e ? -1 : st.filetype, e ? 0ull : (unsigned long long)st.size,
         e ? 0ull : (unsigned long long)st.nlink);
}

int main(void) {
  __wasi_errno_t e;
  __wasi_size_t n, m;
  char buf[256];

  // args / environ
  e = __wasi_args_sizes_get(&n, &m);
  printf("args_sizes_get=%d argc=%u bytes=%u\n", e, n, m);
  {
    char *argv[8];
    char store[256];
    e = __wasi_args_get((uint8_t **)argv, (uint8_t *)store);
    printf("args_get=%d argv0=%s argv1=%s argv2=%s\n", e, argv[0], n > 1 ? argv[1] : "", n > 2 ? argv[2] : "");
  }
  e = __wasi_environ_sizes_get(&n, &m);
  printf("environ_sizes_get=%d count=%u bytes=%u\n", e, n, m);
  {
    char *env[8];
    char store[256];
    e = __wasi_environ_get((uint8_t **)env, (uint8_t *)store);
    printf("environ_get=%d env0=%s\n", e, n > 0 ? env[0] : "");
  }

  // clocks / random / sched / proc
  __wasi_timestamp_t t;
  P("clock_res_get.realtime", __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &t));
  printf("resolution=%llu\n", (unsigned long long)t);
  P("clock_res_get.bad", __wasi_clock_res_get(99, &t));
  P("clock_time_get.monotonic", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t));
  P("clock_time_get.thread_cputime", __wasi_clock_time_get(__WASI_CLOCKID_THREAD_CPUTIME_ID, 1, &t));
  P("clock_time_get.bad", __wasi_clock_time_get(7, 1, &t));
  P("random_get.0", __wasi_random_get((uint8_t *)buf, 0));
  P("random_get.64", __wasi_random_get((uint8_t *)buf, 64));
  P("random_get.fault", __wasi_random_get((uint8_t *)0xfffffff0u, 64));
  P("sched_yield", __wasi_sched_yield());
  P("proc_raise", raw_proc_raise(15));

  // preopens and stdio
  __wasi_prestat_t ps;
  e = __wasi_fd_prestat_get(3, &ps);
  printf("fd_prestat_get.3=%d tag=%d len=%u\n", e, ps.tag, ps.u.dir.pr_name_len);
  memset(buf, 0, sizeof buf);
  e = __wasi_fd_prestat_dir_name(3, (uint8_t *)buf, 1);
  printf("fd_prestat_dir_name=%d name=%s\n", e, buf);
  P("fd_prestat_dir_name.short", __wasi_fd_prestat_dir_name(3, (uint8_t *)buf, 0));
  P("fd_prestat_get.stdout", __wasi_fd_prestat_get(1, &ps));
  P("fd_prestat_get.99", __wasi_fd_prestat_get(99, &ps));
  __wasi_fdstat_t fs;
  e = __wasi_fd_fdstat_get(1, &fs);
  printf("fd_fdstat_get.stdout=%d type=%d\n", e, fs.fs_filetype);
  e = __wasi_fd_fdstat_get(3, &fs);
  printf("fd_fdstat_get.preopen=%d type=%d readdir=%d\n", e, fs.fs_filetype, (fs.fs_rights_base & __WASI_RIGHTS_FD_READDIR) != 0);
  P("fd_write.stdin", wr(0, "x", &n));
  P("fd_seek.stdout", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &t));
  {
    __wasi_ciovec_t bad = {(const uint8_t *)0xfffffff0u, 64};
    P("fd_write.fault", __wasi_fd_write(1, &bad, 1, &n));
  }

  // directories, files, offsets
  P("path_create_directory", __wasi_path_create_directory(3, "scratch"));
  P("path_create_directory.exists", __wasi_path_create_directory(3, "scratch"));
  __wasi_fd_t f = open_at("scratch/a.txt", __WASI_OFLAGS_CREAT, RW, 0, &e);
  P("path_open.creat", e);
  __wasi_size_t w;
  e = wr(f, "hello", &w);
  printf("fd_write=%d n=%u\n", e, w);
  P("fd_seek.set", __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &t));
  memset(buf, 0, sizeof buf);
  e = rd(f, buf, sizeof buf, &n);
  printf("fd_read=%d n=%u data=%s\n", e, n, buf);
  e = __wasi_fd_tell(f, &t);
  printf("fd_tell=%d pos=%llu\n", e, (unsigned long long)t);
  P("fd_seek.negative", __wasi_fd_seek(f, -10, __WASI_WHENCE_CUR, &t));
  P("fd_seek.whence", __wasi_fd_seek(f, 0, 7, &t));
  e = __wasi_fd_seek(f, -2, __WASI_WHENCE_END, &t);
  printf("fd_seek.end=%d pos=%llu\n", e, (unsigned long long)t);
  {
    __wasi_ciovec_t iov = {(const uint8_t *)"XY", 2};
    e = __wasi_fd_pwrite(f, &iov, 1, 1, &n);
    printf("fd_pwrite=%d n=%u\n", e, n);
    memset(buf, 0, sizeof buf);
    __wasi_iovec_t riov = {(uint8_t *)buf, 3};
    e = __wasi_fd_pread(f, &riov, 1, 1, &n);
    printf("fd_pread=%d n=%u data=%s\n", e, n, buf);
  }
  __wasi_filestat_t st;
  e = __wasi_fd_filestat_get(f, &st);
  printf("fd_filestat_get=%d type=%d size=%llu\n", e, st.filetype, (unsigned long long)st.size);
  P("fd_filestat_set_size", __wasi_fd_filestat_set_size(f, 2));
  P("fd_allocate", __wasi_fd_allocate(f, 0, 10));
  __wasi_fd_filestat_get(f, &st);
  printf("size_after_allocate=%llu\n", (unsigned long long)st.size);
  P("fd_advise", __wasi_fd_advise(f, 0, 0, __WASI_ADVICE_SEQUENTIAL));
  P("fd_advise.bad", __wasi_fd_advise(f, 0, 0, 9));
  P("fd_datasync", __wasi_fd_datasync(f));
  P("fd_sync", __wasi_fd_sync(f));
  P("fd_fdstat_set_flags.append", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_APPEND));
  P("fd_seek.start", __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &t));
  wr(f, "Z", &n);
  __wasi_fd_filestat_get(f, &st);
  printf("size_after_append=%llu\n", (unsigned long long)st.size);
  P("fd_filestat_set_times", __wasi_fd_filestat_set_times(f, 5, 6, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  __wasi_fd_filestat_get(f, &st);
  printf("times=%llu,%llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
  P("fd_filestat_set_times.both", __wasi_fd_filestat_set_times(f, 5, 6, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));

  // O_TRUNC, rights
  __wasi_fd_t g = open_at("scratch/a.txt", __WASI_OFLAGS_TRUNC, RW, 0, &e);
  __wasi_fd_filestat_get(g, &st);
  printf("path_open.trunc=%d size=%llu\n", e, (unsigned long long)st.size);
  P("fd_fdstat_set_rights.drop", __wasi_fd_fdstat_set_rights(g, __WASI_RIGHTS_FD_READ, 0));
  P("fd_write.no_right", wr(g, "x", &n));
  P("fd_fdstat_set_rights.raise", __wasi_fd_fdstat_set_rights(g, RW, 0));
  P("path_open.excess_rights", (open_at("scratch/a.txt", 0, (__wasi_rights_t)1 << 40, 0, &e), e));

  // fd_renumber, fd_close
  __wasi_fd_t h = open_at("scratch/b.txt", __WASI_OFLAGS_CREAT, RW, 0, &e);
  wr(h, "bee", &n);
  P("fd_renumber", __wasi_fd_renumber(h, g));
  P("fd_fdstat_get.renumbered_from", __wasi_fd_fdstat_get(h, &fs));
  __wasi_fd_seek(g, 0, __WASI_WHENCE_SET, &t);
  memset(buf, 0, sizeof buf);
  rd(g, buf, sizeof buf, &n);
  printf("renumbered_reads=%s\n", buf);
  P("fd_renumber.badf", __wasi_fd_renumber(99, g));
  P("fd_close", __wasi_fd_close(g));
  P("fd_close.again", __wasi_fd_close(g));

  // symlinks
  P("path_symlink", __wasi_path_symlink("a.txt", 3, "scratch/link"));
  memset(buf, 0, sizeof buf);
  e = __wasi_path_readlink(3, "scratch/link", (uint8_t *)buf, sizeof buf, &n);
  printf("path_readlink=%d n=%u target=%s\n", e, n, buf);
  P("path_readlink.not_link", __wasi_path_readlink(3, "scratch/a.txt", (uint8_t *)buf, sizeof buf, &n));
  stat_line("path_filestat_get.link_nofollow", "scratch/link", 0);
  stat_line("path_filestat_get.link_follow", "scratch/link", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW);
  P("path_symlink.absolute", __wasi_path_symlink("/etc/passwd", 3, "scratch/abs"));
  P("path_symlink.escape_created", __wasi_path_symlink("../../outside", 3, "scratch/esc"));
  P("path_open.escape_link", (open_at("scratch/esc", 0, RW, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, &e), e));
  P("path_symlink.dangling", __wasi_path_symlink("nowhere", 3, "scratch/dangling"));
  stat_line("path_filestat_get.dangling_follow", "scratch/dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW);
  stat_line("path_filestat_get.dangling_nofollow", "scratch/dangling", 0);
  P("path_open.dangling", (open_at("scratch/dangling", 0, RW, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, &e), e));
  __wasi_path_symlink("loop2", 3, "scratch/loop1");
  __wasi_path_symlink("loop1", 3, "scratch/loop2");
  P("path_open.loop", (open_at("scratch/loop1", 0, RW, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, &e), e));
  P("path_open.link_nofollow", (open_at("scratch/link", 0, RW, 0, &e), e));
  P("path_open.through_link", (open_at("scratch/link", 0, RW, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, &e), e));

  // confinement and path encoding
  P("path_open.dotdot", (open_at("../x", 0, RW, 0, &e), e));
  P("path_open.dotdot_deep", (open_at("scratch/../../x", 0, RW, 0, &e), e));
  P("path_open.dotdot_inside", (open_at("scratch/../scratch/a.txt", 0, RW, 0, &e), e));
  P("path_open.absolute", (open_at("/input/in.txt", 0, RW, 0, &e), e));
  {
    __wasi_fd_t out;
    P("path_open.nul", raw_path_open(3, 0, (int32_t)(uintptr_t) "scratch\0/a.txt", 13, 0, (int64_t)RW, 0, 0, (int32_t)(uintptr_t)&out));
    P("path_open.not_utf8", raw_path_open(3, 0, (int32_t)(uintptr_t) "scratch/\xff", 9, 0, (int64_t)RW, 0, 0, (int32_t)(uintptr_t)&out));
  }
  P("path_open.trailing_slash_file", (open_at("scratch/a.txt/", 0, RW, 0, &e), e));
  P("path_open.directory_flag_file", (open_at("scratch/a.txt", __WASI_OFLAGS_DIRECTORY, RW, 0, &e), e));
  P("path_open.excl", (open_at("scratch/a.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RW, 0, &e), e));
  P("path_open.missing", (open_at("scratch/none.txt", 0, RW, 0, &e), e));
  P("path_open.input_for_write", (open_at("input/in.txt", 0, RW, 0, &e), e));
  {
    __wasi_fd_t in = open_at("input/in.txt", 0, __WASI_RIGHTS_FD_READ, 0, &e);
    memset(buf, 0, sizeof buf);
    rd(in, buf, sizeof buf, &n);
    printf("path_open.input_read=%d data=%s\n", e, buf);
    P("fd_readdir.on_file", __wasi_fd_readdir(in, (uint8_t *)buf, sizeof buf, 0, &n));
    __wasi_fd_close(in);
  }
  P("path_create_directory.in_input", __wasi_path_create_directory(3, "input/new"));

  // fd_readdir with . and ..
  {
    __wasi_fd_t d = open_at("scratch", __WASI_OFLAGS_DIRECTORY, DIRR, 0, &e);
    static uint8_t dbuf[1024];
    e = __wasi_fd_readdir(d, dbuf, sizeof dbuf, 0, &n);
    printf("fd_readdir=%d", e);
    for (size_t off = 0; off + sizeof(__wasi_dirent_t) <= n;) {
      __wasi_dirent_t de;
      memcpy(&de, dbuf + off, sizeof de);
      off += sizeof de;
      printf(" %.*s:%d:%llu", (int)de.d_namlen, (const char *)dbuf + off, de.d_type, (unsigned long long)de.d_next);
      off += de.d_namlen;
    }
    printf("\n");
    e = __wasi_fd_readdir(d, dbuf, sizeof dbuf, 3, &n);
    printf("fd_readdir.cookie3=%d first=%.*s\n", e, (int)((__wasi_dirent_t *)dbuf)->d_namlen, (const char *)dbuf + sizeof(__wasi_dirent_t));
    e = __wasi_fd_readdir(d, dbuf, 30, 0, &n);
    printf("fd_readdir.small=%d used=%u\n", e, n);
    P("fd_read.directory", rd(d, buf, 10, &n));
    __wasi_fd_close(d);
  }

  // path_filestat_set_times
  P("path_filestat_set_times", __wasi_path_filestat_set_times(3, 0, "scratch/a.txt", 1000, 2000, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  __wasi_path_filestat_get(3, 0, "scratch/a.txt", &st);
  printf("path_times=%llu,%llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
  P("path_filestat_set_times.mtim_only", __wasi_path_filestat_set_times(3, 0, "scratch/a.txt", 0, 3000, __WASI_FSTFLAGS_MTIM));
  __wasi_path_filestat_get(3, 0, "scratch/a.txt", &st);
  printf("path_times2=%llu,%llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
  P("path_filestat_set_times.both", __wasi_path_filestat_set_times(3, 0, "scratch/a.txt", 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
  P("path_filestat_set_times.missing", __wasi_path_filestat_set_times(3, 0, "scratch/zzz", 1, 1, __WASI_FSTFLAGS_ATIM));

  // rename across directories, link, unlink, rmdir
  __wasi_path_create_directory(3, "dir1");
  __wasi_path_create_directory(3, "dir2");
  __wasi_fd_close(open_at("dir1/f", __WASI_OFLAGS_CREAT, RW, 0, &e));
  P("path_rename.across", __wasi_path_rename(3, "dir1/f", 3, "dir2/g"));
  stat_line("after_rename.old", "dir1/f", 0);
  stat_line("after_rename.new", "dir2/g", 0);
  P("path_rename.into_own_child", __wasi_path_rename(3, "dir1", 3, "dir1/sub"));
  P("path_rename.file_over_dir", __wasi_path_rename(3, "dir2/g", 3, "dir1"));
  P("path_rename.missing", __wasi_path_rename(3, "dir1/none", 3, "dir2/none"));
  P("path_link", __wasi_path_link(3, 0, "dir2/g", 3, "dir1/h"));
  stat_line("after_link", "dir2/g", 0);
  P("path_link.exists", __wasi_path_link(3, 0, "dir2/g", 3, "dir1/h"));
  P("path_link.dir", __wasi_path_link(3, 0, "dir2", 3, "dir3"));
  P("path_unlink_file.dir", __wasi_path_unlink_file(3, "dir1"));
  P("path_unlink_file", __wasi_path_unlink_file(3, "dir1/h"));
  stat_line("after_unlink", "dir2/g", 0);
  P("path_remove_directory.not_empty", __wasi_path_remove_directory(3, "dir2"));
  P("path_remove_directory", __wasi_path_remove_directory(3, "dir1"));
  P("path_remove_directory.file", __wasi_path_remove_directory(3, "dir2/g"));
  P("path_unlink_file.missing", __wasi_path_unlink_file(3, "dir2/none"));

  // poll_oneoff
  {
    __wasi_subscription_t subs[2];
    __wasi_event_t evs[2];
    memset(subs, 0, sizeof subs);
    subs[0].userdata = 11;
    subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[0].u.u.clock.timeout = 1000000;
    e = __wasi_poll_oneoff(subs, evs, 1, &n);
    printf("poll_oneoff.clock=%d n=%u userdata=%llu type=%d error=%d\n", e, n, (unsigned long long)evs[0].userdata, evs[0].type, evs[0].error);
    subs[1].userdata = 22;
    subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    subs[1].u.u.fd_read.file_descriptor = 0;
    e = __wasi_poll_oneoff(subs, evs, 2, &n);
    printf("poll_oneoff.fd_ready=%d n=%u userdata=%llu type=%d nbytes=%llu\n", e, n, (unsigned long long)evs[0].userdata, evs[0].type,
           (unsigned long long)evs[0].fd_readwrite.nbytes);
    subs[1].u.u.fd_read.file_descriptor = 99;
    e = __wasi_poll_oneoff(subs + 1, evs, 1, &n);
    printf("poll_oneoff.badf=%d n=%u error=%d\n", e, n, evs[0].error);
    P("poll_oneoff.none", __wasi_poll_oneoff(subs, evs, 0, &n));
  }

  // sockets
  P("sock_send.stdout", __wasi_sock_send(1, NULL, 0, 0, &n));
  P("sock_recv.99", __wasi_sock_recv(99, NULL, 0, 0, &n, (__wasi_roflags_t *)&m));
  P("sock_accept.preopen", __wasi_sock_accept(3, 0, &n));
  P("sock_shutdown.stdin", __wasi_sock_shutdown(0, __WASI_SDFLAGS_RD));
  fflush(stdout);
  __wasi_proc_exit(0);
}
