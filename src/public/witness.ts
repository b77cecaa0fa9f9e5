// the public surface for running a witness: its state folder and its HTTP server (loads Hono).
export { initWitness, openWitness, type WitnessState } from "../app/witness.js";
export { listenWitness, witnessApp } from "../witness/server.js";
