/**
 * The errors a learner can cause in the lab (a file to upload, a checkpoint to load, a text too short, a prompt too
 * long, the training worker, the backend, storage), by code, in both languages; en.ts and ja.ts mount them under
 * "labErrors". The English template of a code, filled with its values, is exactly the English `message` of the
 * error thrown with that code (src/core/errors.ts DojoError; tests/lab/errors.test.ts checks each one), so Node
 * tests and logs keep the English sentence and the page shows the reader's language (src/lab/messageText.ts
 * errorText). Keys and {{placeholders}} must match between en and ja.
 */
export const labErrorsEn = {
  // the learner's own text (src/lab/textInput.ts, src/lab/useLab.ts)
  fileTooLarge: '"{{name}}" is {{size}}; the lab takes text files up to {{max}}. Use the first part of it: for example, split it and upload one piece.',
  fileEmpty: '"{{name}}" is empty. Choose a .txt file with some text in it.',
  utf16Broken: '"{{name}}" looks like UTF-16 text but does not decode as {{encoding}}. Re-save it as UTF-8 and upload it again.',
  binaryNul: '"{{name}}" looks like a binary file (it contains NUL bytes), not text. Save it as plain text (.txt, UTF-8) and try again.',
  binaryControl: '"{{name}}" looks like a binary file ({{control}} control bytes in its first {{head}}), not text. Save it as plain text (.txt, UTF-8).',
  notUtf8:
    '"{{name}}" is not valid UTF-8 text. If it is Japanese in Shift_JIS or another encoding, re-save it as UTF-8 (most editors offer this under "Save as… / Encoding") and upload it again.',
  textEmpty: "The text is empty. Paste some text, upload a .txt file, or pick a built-in corpus.",
  textWhitespace: "The text is only whitespace. Paste some text, upload a .txt file, or pick a built-in corpus.",
  textTooShort: "The text is {{n}} tokens long, but training needs at least blockSize + 1 = {{need}}. Add more text or lower blockSize.",
  corpusHttp: 'Could not load the built-in corpus "{{corpus}}" (HTTP {{status}}). Reload the page.',
  inFile: "{{name}}: {{message}}",
  // a checkpoint file's header (src/workers/checkpointGuard.ts)
  ckptTooShort: "The file has {{n}} bytes: too short for a .safetensors checkpoint.",
  ckptHeaderLength: "The file says its header is {{n}} bytes, but the whole file is {{size}}: it is cut off, or not a .safetensors file.",
  ckptHeaderJson: "The file's header is not valid JSON ({{detail}}): it is not a .safetensors checkpoint.",
  ckptHeaderNotObject: "The file's header is not a JSON object: it is not a .safetensors checkpoint.",
  ckptNoConfig: "This file has no __metadata__.config, so the model's shape is unknown: it is not a GPT Dojo or nanoGPT checkpoint.",
  ckptConfigJson: "__metadata__.config is not valid JSON: {{snippet}}.",
  ckptNotWhole: "The checkpoint's {{key}} is {{x}}, not a whole number.",
  ckptOutOfRange: "The checkpoint's {{key}} is {{x}}; the lab builds {{key}} from {{lo}} to {{hi}}. This file cannot be loaded here.",
  ckptWeightsShort:
    "The checkpoint claims a model of {{layers}} layers × {{width}} wide with a vocabulary of {{vocab}}, which needs at least {{need}} bytes of weights, but the file holds {{has}}. The file is cut off or its config is wrong.",
  ckptTokenizerJson: "__metadata__.tokenizer is not valid JSON: {{snippet}}. The file is corrupt.",
  ckptSplitPattern:
    "The checkpoint's tokenizer uses its own split pattern {{pattern}}. The lab only runs GPT-4's and GPT-2's patterns: a pattern from a file can take minutes to match. Retrain the tokenizer with one of those.",
  // the safetensors reader's own checks (src/core/safetensors.ts, checkpoint.ts: CheckpointError codes), with its English detail
  checkpointTruncated: "{{detail}}",
  checkpointNotSafetensors: "{{detail}}",
  checkpointHeader: "{{detail}}",
  checkpointDtype: "{{detail}}",
  checkpointOffsets: "{{detail}}",
  checkpointConfig: "{{detail}}",
  checkpointTensors: "{{detail}}",
  // loading weights into a model (src/core/model/params.ts)
  unexpectedTensors: "Unexpected tensors for this config: {{names}}. Expected: {{expected}}.",
  missingTensors: "Missing tensors: {{names}}.",
  tensorShape: 'Tensor "{{name}}" has shape ({{shape}}) but this config needs ({{need}}).',
  lmHeadUntied: "lm_head.weight differs from transformer.wte.weight, but this GPT ties them (as nanoGPT does). Drop lm_head.weight or load a tied model.",
  // building and training (src/workers/session.ts, src/core)
  oneChar: "The text has only one distinct character ({{char}}): a model needs at least two to learn anything. Use a text with more variety.",
  ckptUnknownChars:
    "This checkpoint's model knows {{vocab}} characters, but the chosen text has {{count}} it has never seen ({{chars}}). Pick the text the checkpoint was trained on.",
  ckptVocabGpt2:
    "This checkpoint's model has a vocabulary of {{ckpt}} tokens, but the {{kind}} tokenizer of the chosen text has {{vocab}}. Choose the GPT-2 tokenizer for a GPT-2-vocabulary checkpoint.",
  ckptVocab: "This checkpoint's model has a vocabulary of {{ckpt}} tokens, but the {{kind}} tokenizer of the chosen text has {{vocab}}. Pick the text (and tokenizer) the checkpoint was trained on.",
  tokensTooShort: "The text has {{n}} tokens, but training needs at least blockSize + 1 = {{need}}. Use a longer text or a smaller blockSize.",
  valTooShort: "The validation split (the last 10% of the text) has {{n}} tokens, but needs blockSize + 1 = {{need}}. Use a longer text or a smaller blockSize.",
  batchTooShort: "Cannot draw a batch: the split has {{n}} tokens, but one window needs blockSize + 1 = {{need}}. Use more text or a smaller blockSize.",
  noModel: "The lab has no model yet: press Build (or Train) first.",
  lossDiverged:
    "The loss became {{loss}} at step {{step}} with learning rate {{lr}}: the updates grew too large (the learning rate is probably too high). Training paused and the model went back to step {{restored}}. Lower learningRate (or keep gradClip at 1) and continue.",
  lossDivergedFresh:
    "The loss became {{loss}} at step {{step}} with learning rate {{lr}}: the updates grew too large (the learning rate is probably too high). Training paused and the model went back to step {{restored}}. There was no checkpoint yet, so these are fresh weights. Lower learningRate (or keep gradClip at 1) and continue.",
  // generating (src/core/model/gpt.ts, sample.ts, src/workers/session.ts)
  blockSize: "Cannot forward {{t}} tokens: blockSize is {{blockSize}}. Keep only the last {{blockSize}} tokens (generate() does).",
  nanLogits: "{{fn}}: logit {{i}} is NaN. The model's output is broken (did training diverge? check the loss).",
  promptEncode: "The prompt cannot be encoded: {{detail}}",
  unknownChar:
    "Character {{char}} ({{code}}) at position {{position}} is not in this character vocabulary ({{vocab}} characters). Build the tokenizer from text that contains it (CharTokenizer.fromText(corpus + extra)), or remove it from the input.",
  // the backend, the GPU and the worker (src/core/backend.ts, src/workers)
  backendForced: 'The backend "{{backend}}" requested with ?backend= could not start ({{detail}}). Remove ?backend= to let GPT Dojo choose.',
  noBackend: "No TensorFlow.js backend could start ({{detail}}).",
  webglLost: "The WebGL context was lost (the GPU driver reset, or the browser reclaimed it).",
  webgpuLost: "The WebGPU device was lost ({{reason}}).",
  cannotLoseGpu: "Only the webgl and webgpu backends can lose their GPU; this run is on {{backend}}.",
  simulatedCrash: "Simulated crash of the training worker.",
  simulatedCrashMain: "Simulated crash of the training session.",
  workerFailed: "The training worker failed: {{detail}}.",
  workerNotLoaded: "The training worker failed: it could not load.",
  workerStopped: "The training worker stopped.",
  outOfMemory: "{{detail}}",
  // the browser's storage (IndexedDB)
  storageQuota: "{{detail}}",
};

export type LabErrorCode = keyof typeof labErrorsEn;

export const labErrorsJa: typeof labErrorsEn = {
  fileTooLarge: "「{{name}}」は {{size}} あります。ラボが受け付けるテキストファイルは {{max}} までです。最初の部分だけを使ってください（たとえばファイルを分割して 1 つだけアップロードします）。",
  fileEmpty: "「{{name}}」は空です。テキストの入った .txt ファイルを選んでください。",
  utf16Broken: "「{{name}}」は UTF-16 のテキストのようですが、{{encoding}} として読めません。UTF-8 で保存し直してから、もう一度アップロードしてください。",
  binaryNul: "「{{name}}」はテキストではなくバイナリファイルのようです（NUL バイトを含んでいます）。プレーンテキスト（.txt、UTF-8）で保存してから、もう一度試してください。",
  binaryControl: "「{{name}}」はテキストではなくバイナリファイルのようです（先頭 {{head}} バイトのうち {{control}} バイトが制御文字です）。プレーンテキスト（.txt、UTF-8）で保存してください。",
  notUtf8:
    "「{{name}}」は正しい UTF-8 のテキストではありません。Shift_JIS など別の文字コードの日本語なら、UTF-8 で保存し直して（多くのエディタでは「名前を付けて保存」の文字コードで選べます）もう一度アップロードしてください。",
  textEmpty: "テキストが空です。テキストを貼り付けるか、.txt ファイルをアップロードするか、組み込みのコーパスを選んでください。",
  textWhitespace: "テキストが空白だけです。テキストを貼り付けるか、.txt ファイルをアップロードするか、組み込みのコーパスを選んでください。",
  textTooShort: "テキストは {{n}} トークンですが、学習には少なくとも blockSize + 1 = {{need}} トークン必要です。テキストを増やすか、blockSize を小さくしてください。",
  corpusHttp: "組み込みのコーパス「{{corpus}}」を読み込めませんでした（HTTP {{status}}）。ページを再読み込みしてください。",
  inFile: "{{name}}：{{message}}",
  ckptTooShort: "ファイルは {{n}} バイトしかありません。.safetensors のチェックポイントとしては短すぎます。",
  ckptHeaderLength: "ファイルはヘッダーが {{n}} バイトだと示していますが、ファイル全体が {{size}} バイトしかありません。途中で切れているか、.safetensors ファイルではありません。",
  ckptHeaderJson: "ファイルのヘッダーが正しい JSON ではありません（{{detail}}）。.safetensors のチェックポイントではありません。",
  ckptHeaderNotObject: "ファイルのヘッダーが JSON オブジェクトではありません。.safetensors のチェックポイントではありません。",
  ckptNoConfig: "このファイルには __metadata__.config がないため、モデルの形がわかりません。GPT Dojo や nanoGPT のチェックポイントではありません。",
  ckptConfigJson: "__metadata__.config が正しい JSON ではありません：{{snippet}}。",
  ckptNotWhole: "チェックポイントの {{key}} が {{x}} で、整数ではありません。",
  ckptOutOfRange: "チェックポイントの {{key}} は {{x}} です。ラボが作れる {{key}} は {{lo}} から {{hi}} までなので、このファイルはここでは読み込めません。",
  ckptWeightsShort:
    "チェックポイントは {{layers}} 層・幅 {{width}}・語彙 {{vocab}} のモデルだと示しています。その重みには少なくとも {{need}} バイト必要ですが、ファイルには {{has}} バイトしかありません。ファイルが途中で切れているか、設定が間違っています。",
  ckptTokenizerJson: "__metadata__.tokenizer が正しい JSON ではありません：{{snippet}}。ファイルが壊れています。",
  ckptSplitPattern:
    "チェックポイントのトークナイザーは独自の分割パターン {{pattern}} を使っています。ラボが実行するのは GPT-4 と GPT-2 のパターンだけです（ファイルから来たパターンは照合に何分もかかることがあります）。どちらかのパターンでトークナイザーを学習し直してください。",
  checkpointTruncated: "ファイルが途中で切れています。ダウンロードし直してください（詳細：{{detail}}）",
  checkpointNotSafetensors: "このファイルは .safetensors 形式ではありません（PyTorch の .pt などは読み込めません。safetensors で保存してください。詳細：{{detail}}）",
  checkpointHeader: "ファイルのヘッダーが壊れているか、形式が違います（詳細：{{detail}}）",
  checkpointDtype: "ファイルのテンソルの型に、ラボが読めないものがあります（詳細：{{detail}}）",
  checkpointOffsets: "ファイルのテンソルの位置や大きさが食い違っています。ファイルが壊れています（詳細：{{detail}}）",
  checkpointConfig: "チェックポイントのモデル設定（__metadata__）が読めないか、使えない値です（詳細：{{detail}}）",
  checkpointTensors: "チェックポイントのテンソルが、このモデルの形と合いません（詳細：{{detail}}）",
  unexpectedTensors: "この設定のモデルにはないテンソルがあります：{{names}}。必要なのは {{expected}} です。",
  missingTensors: "テンソルが足りません：{{names}}。",
  tensorShape: "テンソル「{{name}}」の形は ({{shape}}) ですが、この設定では ({{need}}) が必要です。",
  lmHeadUntied: "lm_head.weight が transformer.wte.weight と異なりますが、この GPT は（nanoGPT と同じく）両者を共有します。lm_head.weight を除くか、共有したモデルを読み込んでください。",
  oneChar: "テキストには 1 種類の文字（{{char}}）しかありません。モデルが何かを学ぶには少なくとも 2 種類必要です。もっと変化のあるテキストを使ってください。",
  ckptUnknownChars:
    "このチェックポイントのモデルが知っている文字は {{vocab}} 種類ですが、選んだテキストにはモデルが見たことのない文字が {{count}} 種類あります（{{chars}}）。チェックポイントを学習したときのテキストを選んでください。",
  ckptVocabGpt2:
    "このチェックポイントのモデルの語彙は {{ckpt}} トークンですが、選んだテキストの {{kind}} トークナイザーの語彙は {{vocab}} です。GPT-2 の語彙のチェックポイントには GPT-2 トークナイザーを選んでください。",
  ckptVocab:
    "このチェックポイントのモデルの語彙は {{ckpt}} トークンですが、選んだテキストの {{kind}} トークナイザーの語彙は {{vocab}} です。チェックポイントを学習したときのテキスト（とトークナイザー）を選んでください。",
  tokensTooShort: "テキストは {{n}} トークンですが、学習には少なくとも blockSize + 1 = {{need}} トークン必要です。もっと長いテキストを使うか、blockSize を小さくしてください。",
  valTooShort: "検証用の分割（テキストの最後の 10%）は {{n}} トークンですが、blockSize + 1 = {{need}} トークン必要です。もっと長いテキストを使うか、blockSize を小さくしてください。",
  batchTooShort: "バッチを作れません：分割は {{n}} トークンですが、1 つの窓に blockSize + 1 = {{need}} トークン必要です。テキストを増やすか、blockSize を小さくしてください。",
  noModel: "ラボにはまだモデルがありません。先に「構築」（または「学習」）を押してください。",
  lossDiverged:
    "ステップ {{step}}（学習率 {{lr}}）で損失が {{loss}} になりました。更新が大きくなりすぎています（学習率が高すぎる可能性が高いです）。学習を一時停止し、モデルをステップ {{restored}} に戻しました。learningRate を下げて（または gradClip を 1 のままにして）続けてください。",
  lossDivergedFresh:
    "ステップ {{step}}（学習率 {{lr}}）で損失が {{loss}} になりました。更新が大きくなりすぎています（学習率が高すぎる可能性が高いです）。学習を一時停止し、モデルをステップ {{restored}} に戻しました。まだチェックポイントがなかったので、重みは初期値です。learningRate を下げて（または gradClip を 1 のままにして）続けてください。",
  blockSize: "{{t}} トークンは順伝播できません：blockSize は {{blockSize}} です。最後の {{blockSize}} トークンだけを残してください（generate() はそうしています）。",
  nanLogits: "{{fn}}：ロジット {{i}} が NaN です。モデルの出力が壊れています（学習が発散していないか、損失を確かめてください）。",
  promptEncode: "プロンプトをエンコードできません：{{detail}}",
  unknownChar:
    "位置 {{position}} の文字 {{char}}（{{code}}）は、この文字語彙（{{vocab}} 文字）にありません。その文字を含むテキストからトークナイザーを作る（CharTokenizer.fromText(corpus + extra)）か、入力から消してください。",
  backendForced: "?backend= で指定したバックエンド「{{backend}}」を起動できませんでした（{{detail}}）。?backend= を外せば GPT Dojo が選びます。",
  noBackend: "TensorFlow.js のバックエンドをどれも起動できませんでした（{{detail}}）。",
  webglLost: "WebGL のコンテキストが失われました（GPU ドライバーがリセットされたか、ブラウザが回収しました）。",
  webgpuLost: "WebGPU のデバイスが失われました（{{reason}}）。",
  cannotLoseGpu: "GPU を失えるのは webgl と webgpu のバックエンドだけです。この実行は {{backend}} で動いています。",
  simulatedCrash: "学習ワーカーの停止を模擬しました。",
  simulatedCrashMain: "学習セッションの停止を模擬しました。",
  workerFailed: "学習ワーカーが失敗しました：{{detail}}。",
  workerNotLoaded: "学習ワーカーが失敗しました：読み込めませんでした。",
  workerStopped: "学習ワーカーが停止しました。",
  outOfMemory: "メモリが足りません。層を減らすか、nEmbd・blockSize・batchSize を小さくしてください（詳細：{{detail}}）",
  storageQuota: "このブラウザの保存領域がいっぱいです。不要な実行を削除するか、空き容量を増やしてください（詳細：{{detail}}）",
};

/** Fills a template's {{placeholders}} (the English text for Node tests, logs and the worker). */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));
}

/** The English sentence of an error code with its values: what the thrown error's `message` says. */
export function labErrorEn(code: LabErrorCode, values: Record<string, string | number> = {}): string {
  return fillTemplate(labErrorsEn[code], values);
}
