// Resolve hook (node:module register): "@shimkit/os-shim" → "@shimkit/os-unix"; subpaths untouched.
export async function resolve(specifier, context, next) {
  return next(specifier === '@shimkit/os-shim' ? '@shimkit/os-unix' : specifier, context);
}
