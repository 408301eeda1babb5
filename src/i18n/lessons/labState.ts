/**
 * The lab's messages about its state (issue #11): refusals, faults, sizes, links and tabs, in both languages
 * (en.ts and ja.ts mount them under "labState"). Keys and {{placeholders}} must match between en and ja.
 */
export const labStateEn = {
  loadWhileTraining: "{{name}} was not loaded: this run is training. Pause it first (its checkpoint is saved when it pauses), then load the file.",
  faultGiveUp:
    "The training worker crashed {{count}} times within {{window}} steps ({{message}}), so the lab stopped restarting it. Your run is kept at step {{from}}, the last checkpoint: press Continue to try again, or try a smaller model.",
  storageFailedNoReason: "Could not save to this browser's storage (the browser gave no reason; it may be full, or storage is off in a private window). Training goes on; download a .safetensors to keep your model.",
  tooLarge: "About {{gb}} GB to train: too large for this device (a browser tab here can use about {{limit}} GB). Use fewer layers, a smaller nEmbd or blockSize, or a smaller batchSize.",
  urlNotice: "This link had values the lab cannot use, so the defaults stand in: {{values}}. The link is cleaned.",
  urlValue: "{{key}}={{raw}} ({{name}} is {{range}})",
  openElsewhere: "Open in another tab",
  openElsewhereHint: "This run is open in another tab of this browser. Open it there, or close that tab first: two tabs training one run would overwrite each other's checkpoints.",
  whitespaceOnly: "The text is only whitespace. Paste some text, upload a .txt file, or pick a built-in corpus.",
  unknownChars: "The prompt has characters this model never saw in training: {{chars}}. It knows only the {{vocab}} characters of its training text; remove the others.",
  generateFailed: "Could not generate: {{message}}",
  sizesNeedValid: "The sizes appear once the model fields above are valid.",
};

export const labStateJa: typeof labStateEn = {
  loadWhileTraining: "{{name}} は読み込みませんでした：この実行は学習中です。先に一時停止してから（一時停止でチェックポイントが保存されます）ファイルを読み込んでください。",
  faultGiveUp:
    "学習ワーカーが {{window}} ステップの間に {{count}} 回停止したため（{{message}}）、再起動をやめました。実行は最後のチェックポイントのステップ {{from}} で保たれています。「続ける」でもう一度試すか、小さいモデルを試してください。",
  storageFailedNoReason: "このブラウザの保存領域に保存できませんでした（ブラウザは理由を示していません。容量不足か、プライベートウィンドウで保存が無効の可能性があります）。学習は続きます。モデルを残すには .safetensors をダウンロードしてください。",
  tooLarge: "学習に約 {{gb}} GB 必要です：この端末には大きすぎます（ここではブラウザのタブが使えるのは約 {{limit}} GB）。層を減らすか、nEmbd・blockSize・batchSize を小さくしてください。",
  urlNotice: "このリンクには使えない値があったため、既定値を使います：{{values}}。リンクは修正しました。",
  urlValue: "{{key}}={{raw}}（{{name}} は {{range}}）",
  openElsewhere: "別のタブで開いています",
  openElsewhereHint: "この実行はこのブラウザの別のタブで開いています。そのタブで開くか、先にそのタブを閉じてください。2 つのタブで同じ実行を学習すると、互いのチェックポイントを上書きします。",
  whitespaceOnly: "テキストが空白だけです。テキストを貼り付けるか、.txt ファイルをアップロードするか、組み込みのコーパスを選んでください。",
  unknownChars: "プロンプトに、このモデルが学習で見たことのない文字があります：{{chars}}。このモデルが知っているのは学習テキストの {{vocab}} 文字だけです。それ以外を消してください。",
  generateFailed: "生成できませんでした：{{message}}",
  sizesNeedValid: "上のモデルの値が正しくなると、サイズが表示されます。",
};
