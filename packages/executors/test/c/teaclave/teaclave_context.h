// The five functions Teaclave's WAMR executor provides under `env` (signatures as Teaclave's
// sdk/payload/wasm/teaclave_context.h declares them; written here from that interface).
int teaclave_open_input(char *fid);
int teaclave_create_output(char *fid);
int teaclave_read_file(int fd, char *out_buf, int buf_size);
int teaclave_write_file(int fd, char *in_buf, int buf_size);
int teaclave_close_file(int fd);
