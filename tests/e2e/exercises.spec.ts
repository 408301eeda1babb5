import { test, expect } from "@playwright/test";
import { watchErrors } from "./helpers";

const preview = (md: string) => `./?lang=en#/preview?src=${encodeURIComponent(md)}`;

test("a numeric exercise: wrong, then right with Enter; the solved count shows on the course map after a reload", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/tensors/linear-params");
  const ex = page.getByTestId("exercise-linear-params");
  // The deep link scrolls the exercise into view.
  await expect(ex).toBeInViewport();
  const input = ex.getByTestId("ex-input");
  await input.fill("2359296"); // 768 · 3072, the weight alone: the bias is forgotten
  await input.press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toHaveText("Not yet: your number is too small.");
  await input.fill("2,362,368"); // 768 · 3072 + 3072
  await input.press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
  await expect(ex.getByText("Solved")).toBeVisible();

  await page.goto("./?lang=en#/");
  await page.reload();
  const card = page.locator(".card", { hasText: "Tensors, shapes and broadcasting" });
  await expect(card).toContainText(/1 of \d+ exercises solved/);
  expect(errors).toEqual([]);
});

test("a shape exercise accepts spacing and bracket variants and says what is off", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/tensors/shape-add-col");
  const ex = page.getByTestId("exercise-shape-add-col");
  const input = ex.getByTestId("ex-input");
  await input.fill("(2, 3)");
  await ex.getByTestId("ex-check").click();
  await expect(ex.getByTestId("ex-feedback")).toHaveText("Not yet: your shape has 2 dimensions, but the result has a different number.");
  await input.fill("torch.Size([2,3,4])");
  await input.press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
});

test("multiple choice: every choice explains itself; hints come one at a time; Enter on a radio submits", async ({ page }) => {
  const md = [
    "::::exercise{id=pick kind=choice}",
    "Which axis does `P.sum(1)` (no keepdim) line up with in `P / P.sum(1)`?",
    "",
    ":::hint",
    "Right-align the shapes.",
    ":::",
    "",
    ":::hint",
    "(27,) becomes (1, 27).",
    ":::",
    "",
    ":::choice[The rows]",
    "No: a (27,) tensor is padded on the **left**.",
    ":::",
    "",
    ":::choice[The columns]{correct}",
    "Yes: it acts as a row vector, so column j is divided by the sum of row j.",
    ":::",
    "",
    ":::solution",
    "Use `keepdim=True`.",
    ":::",
    "::::",
  ].join("\n");
  await page.goto(preview(md));
  const ex = page.getByTestId("exercise-pick");
  await ex.getByTestId("ex-check").click();
  await expect(ex.getByTestId("ex-feedback")).toHaveText("Not yet: pick an answer first.");
  await expect(ex.getByTestId("ex-hint")).toHaveText("Hint 1 of 2");
  await ex.getByTestId("ex-hint").click();
  await expect(ex.getByTestId("ex-hint-0")).toContainText("Right-align the shapes.");
  await expect(ex.getByTestId("ex-hint-1")).toHaveCount(0);
  await ex.getByTestId("ex-hint").click();
  await expect(ex.getByTestId("ex-hint-1")).toContainText("(27,) becomes (1, 27).");
  await expect(ex.getByTestId("ex-hint")).toHaveCount(0);

  await ex.getByLabel("The rows").check();
  await page.keyboard.press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toContainText("Not yet: read the explanation under your choice");
  await expect(ex.getByTestId("ex-why-0")).toContainText("✗ Not this one");
  await expect(ex.getByTestId("ex-why-0")).toContainText("padded on the left");
  await ex.getByLabel("The columns").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  await expect(ex.getByTestId("ex-feedback")).toHaveText("✓ Correct!");
  // Once solved, every choice shows its explanation.
  await expect(ex.getByTestId("ex-why-0")).toBeVisible();
  await expect(ex.getByTestId("ex-why-1")).toContainText("✓ Right choice");
  await ex.getByTestId("ex-solution").click();
  await expect(ex.getByTestId("ex-solution-0")).toContainText("Use keepdim=True.");
});

test("predict, then reveal: the reveal (here a widget) appears only once the guess is locked in", async ({ page }) => {
  const md = ["::::exercise{id=guess kind=predict}", "What is $C_{0,0}$?", "", ":::reveal", "::matmul-demo{m=2 k=3 n=2}", ":::", "::::"].join("\n");
  await page.goto(preview(md));
  const ex = page.getByTestId("exercise-guess");
  await expect(ex.getByTestId("matmul-demo")).toHaveCount(0);
  await ex.getByTestId("ex-input").fill("4");
  await ex.getByTestId("ex-input").press("Enter");
  await expect(ex.getByText("Your prediction: 4.")).toBeVisible();
  await expect(ex.getByTestId("ex-input")).toBeDisabled();
  // exampleMatrices(2, 3, 2): row 0 of A is [1, 2, 3], column 0 of B is [1, 0, 1] → 4
  await expect(ex.getByTestId("matmul-c").locator("tr").first().locator("td").first()).toHaveText("4", { timeout: 60_000 });
});

test("a broken exercise shows an error box naming the line and the fix", async ({ page }) => {
  const md = ["Intro", "", "::::exercise{id=x kind=numbr answer=3}", "Q", "::::", "", "::::exercise{id=c kind=choice}", "Q", "", ":::choice[A]{correct}", ":::", "", ":::choice[B]", "b", ":::", "::::"].join("\n");
  await page.goto(preview(md));
  const boxes = page.getByRole("alert");
  await expect(boxes.nth(0)).toContainText('preview:3: exercise "x": unknown kind "numbr". Use kind=numeric, kind=shape, kind=choice, kind=predict.');
  await expect(boxes.nth(1)).toContainText('preview:7: exercise "c": the choice at line 10 has no explanation; every choice explains why it is right or wrong.');
});
