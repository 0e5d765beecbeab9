/**
 * The Python side of the `python` executor: Teaclave's MesaPy function convention
 * (`examples/python/mesapy_*_payload.py`, `legacy` branch) on Pyodide.
 *
 * - The payload defines `entrypoint(argv)`; `argv` is the flattened argument list
 *   `[key0, value0, key1, value1, …]`; the return value, as `str`, is the result (`None` → "").
 * - The global `teaclave_open(name, mode)` opens a declared input (`"rb"` bytes, `"r"` text) or a
 *   declared output (`"wb"` bytes, `"w"` text). The objects are context managers with
 *   `read`/`readline`/`readlines`/iteration (inputs) and `write`/`writelines` (outputs). Opening an
 *   input the task did not bind (an optional input left out) raises `FileNotFoundError` inside the
 *   script; an undeclared output raises `PermissionError`.
 * - Outputs are staged in memory and handed to the host only when `entrypoint` returns.
 * - Before each call, `random` is re-seeded from `os.urandom`, i.e. from the call's random source.
 *
 * `DRIVER` evaluates to a function `run(payload, argv, get_input, output_names)` returning
 * `[value, {output name: bytes}]`.
 */

export const DRIVER = String.raw`
def __shimkit_make_runner():
    import io, random

    class _Output(io.BytesIO):
        def __init__(self, staged, name, text):
            super().__init__()
            self._staged, self._name, self._text = staged, name, text
        def write(self, data):
            if isinstance(data, str):
                data = data.encode('utf-8')
            elif self._text:
                raise TypeError('write() argument must be str, not ' + type(data).__name__)
            return super().write(data)
        def close(self):
            if not self.closed:
                self._staged[self._name] = self.getvalue()
            super().close()

    def run(payload, argv, get_input, output_names):
        random.seed()
        staged = {}
        declared_outputs = set(output_names)

        def teaclave_open(name, mode='rb'):
            if mode in ('rb', 'r'):
                data = get_input(name)
                if data is None:
                    raise FileNotFoundError('no input named %r is bound to this task' % (name,))
                raw = io.BytesIO(data.to_bytes())
                return raw if mode == 'rb' else io.TextIOWrapper(raw, encoding='utf-8')
            if mode in ('wb', 'w'):
                if name not in declared_outputs:
                    raise PermissionError('no output named %r is bound to this task' % (name,))
                return _Output(staged, name, mode == 'w')
            raise ValueError('teaclave_open: mode must be "rb", "r", "wb" or "w", got %r' % (mode,))

        namespace = {'__name__': '__teaclave_payload__', '__builtins__': __builtins__, 'teaclave_open': teaclave_open}
        exec(compile(payload, 'payload.py', 'exec'), namespace)
        entrypoint = namespace.get('entrypoint')
        if not callable(entrypoint):
            raise TypeError('the payload defines no entrypoint(argv) function')
        value = entrypoint(list(argv))
        return ['' if value is None else str(value), staged]

    return run

__shimkit_make_runner()
`;

/**
 * Setup that every interpreter gets before its first call and that does not depend on the call or
 * on the worker: `pyodide_js` (Pyodide's whole JavaScript API, reachable by `import pyodide_js`)
 * is removed from the import machinery — the worker unregisters it first — and the modules the
 * driver uses are imported. An interpreter snapshot is taken right after it, so a restored
 * interpreter starts with it done. (`random` seeds itself from `os.urandom` when imported; that
 * state is in the snapshot, which is why `run` re-seeds it before every call.)
 */
export const SETUP = String.raw`
import sys, io, random
sys.modules.pop("pyodide_js", None)
del sys, io, random
`;
