// The bench's no-op piscina task: returns what it is given (the pool's own round trip).
export default (x) => x;
