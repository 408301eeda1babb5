export { createModel, modelFromTensors, modelToTensors, numParams, disposeModel, paramShapes, initialValues, type GPTModel, type Params, type TensorRecord } from "./params";
export { forward, crossEntropy, forwardCached, createKVCache, disposeKVCache, type ForwardOptions, type Trace, type KVCache } from "./gpt";
export { fullArchitecture, resolveArchitecture, variantUses, type Architecture } from "./architecture";
