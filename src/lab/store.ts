import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { RunState } from "./runState";
import type { LabSettings } from "./settings";

/**
 * The lab's memory in IndexedDB: each run's settings, charts and latest checkpoint, so a reload or a crash
 * never loses work. Checkpoints are .safetensors bytes; runs hold only numbers and strings.
 */
export interface StoredRun {
  id: string;
  createdAt: number;
  updatedAt: number;
  settings: LabSettings;
  /** the text itself when it was the learner's own (built-in corpora are reloaded by name) */
  ownText?: { name: string; text: string };
  state: Omit<RunState, "status" | "progress" | "error"> & { status: RunState["status"] };
  checkpointIter?: number;
  trainSeconds: number;
}

interface LabDB extends DBSchema {
  runs: { key: string; value: StoredRun; indexes: { updatedAt: number } };
  checkpoints: { key: string; value: { runId: string; iter: number; bytes: Uint8Array } };
}

let db: Promise<IDBPDatabase<LabDB>> | null = null;
function open() {
  db ??= openDB<LabDB>("gpt-dojo-lab", 1, {
    upgrade(d) {
      d.createObjectStore("runs", { keyPath: "id" }).createIndex("updatedAt", "updatedAt");
      d.createObjectStore("checkpoints", { keyPath: "runId" });
    },
  });
  return db;
}

export async function saveRun(run: StoredRun): Promise<void> {
  await (await open()).put("runs", run);
}

export async function saveCheckpoint(runId: string, iter: number, bytes: Uint8Array): Promise<void> {
  const d = await open();
  const tx = d.transaction(["checkpoints", "runs"], "readwrite");
  await tx.objectStore("checkpoints").put({ runId, iter, bytes });
  const run = await tx.objectStore("runs").get(runId);
  if (run) await tx.objectStore("runs").put({ ...run, checkpointIter: iter, updatedAt: Date.now() });
  await tx.done;
}

export async function loadRun(id: string): Promise<{ run: StoredRun; checkpoint?: Uint8Array } | undefined> {
  const d = await open();
  const run = await d.get("runs", id);
  if (!run) return undefined;
  const ck = await d.get("checkpoints", id);
  return { run, checkpoint: ck?.bytes };
}

export async function listRuns(): Promise<StoredRun[]> {
  const runs = await (await open()).getAllFromIndex("runs", "updatedAt");
  return runs.reverse();
}

export async function deleteRun(id: string): Promise<void> {
  const d = await open();
  await d.delete("runs", id);
  await d.delete("checkpoints", id);
}
