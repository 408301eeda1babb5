/**
 * What this browser offers for computing, read without loading TensorFlow.js: the WebGPU adapter and the
 * WebGL renderer, and whether each is a software implementation (SwiftShader, llvmpipe, Microsoft Basic
 * Render Driver), which on a CPU-only machine is slower than WebAssembly.
 */
export interface DeviceFacts {
  webgpu: { available: boolean; adapter?: string; software?: boolean; error?: string };
  webgl: { available: boolean; renderer?: string; software?: boolean; error?: string };
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|basic render|software/i;

interface GPUAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

async function webgpuFacts(): Promise<DeviceFacts["webgpu"]> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GPUAdapterLike | null> } }).gpu;
  if (!gpu) return { available: false, error: "navigator.gpu is missing: this browser has no WebGPU." };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { available: false, error: "requestAdapter() returned null (no WebGPU adapter; Chromium needs a GPU or --enable-unsafe-webgpu)." };
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") || "unnamed adapter";
    const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE.test(name);
    return { available: true, adapter: name, software };
  } catch (e) {
    return { available: false, error: (e as Error).message };
  }
}

function webglFacts(): DeviceFacts["webgl"] {
  try {
    const gl = document.createElement("canvas").getContext("webgl2");
    if (!gl) return { available: false, error: "No WebGL2 context." };
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext(); // free the probe's context: browsers cap how many live
    return { available: true, renderer, software: SOFTWARE.test(renderer) };
  } catch (e) {
    return { available: false, error: (e as Error).message };
  }
}

export async function readDeviceFacts(): Promise<DeviceFacts> {
  return {
    webgpu: await webgpuFacts(),
    webgl: webglFacts(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency || 1,
  };
}

/**
 * The order to try backends in: hardware GPUs first, then WebAssembly, then software GPUs, then plain JS.
 * Example: a laptop whose WebGPU adapter is SwiftShader → ["wasm", "webgpu", "cpu"] with webgl hardware first.
 */
export function preferredOrder(f: DeviceFacts): ("webgpu" | "webgl" | "wasm" | "cpu")[] {
  const hardware: ("webgpu" | "webgl")[] = [];
  const software: ("webgpu" | "webgl")[] = [];
  if (f.webgpu.available) (f.webgpu.software ? software : hardware).push("webgpu");
  if (f.webgl.available) (f.webgl.software ? software : hardware).push("webgl");
  return [...hardware, "wasm", ...software, "cpu"];
}
