// the public surface for the synthetic data generator.
export { type GenerateResult, generate, parseGenerateArgs, type RawGenerateArgs } from "../generate/index.js";
