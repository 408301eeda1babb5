import { test, expect, type Locator, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

// By URL-state id, not by order: the two GraphSteppers load lazily and may mount in either order.
const stepper = (page: Page, id = "graph") => page.locator(`[data-testid="graph-stepper"][data-id="${id}"]`);
const grad = async (w: Locator, name: string) => Number(await w.locator(`.gs-node[data-name="${name}"]`).getAttribute("data-grad"));

test("GraphStepper: backward one node at a time on L = (a·b + c)·f gives the hand-worked grads", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/autograd");
  const w = stepper(page);
  await w.getByTestId("gs-forward").click();
  await expect(w.locator('.gs-node[data-name="L"]')).toHaveAttribute("data-data", "-8");
  // The → key steps when focus is on the graph (not in an input): seed, then L, e, d.
  await w.locator(".gs-scroll").focus();
  const expected = [
    { L: 1, e: 0, f: 0, d: 0, c: 0, a: 0, b: 0 },
    { L: 1, e: -2, f: 4, d: 0, c: 0, a: 0, b: 0 }, // L = e·f: ∂e = f = -2, ∂f = e = 4
    { L: 1, e: -2, f: 4, d: -2, c: -2, a: 0, b: 0 }, // e = d + c passes -2 through
    { L: 1, e: -2, f: 4, d: -2, c: -2, a: 6, b: -4 }, // d = a·b: ∂a = b·(-2), ∂b = a·(-2)
  ];
  for (const want of expected) {
    await page.keyboard.press("ArrowRight");
    for (const [name, g] of Object.entries(want)) await expect.poll(() => grad(w, name), name).toBe(g);
  }
  await expect(w.getByTestId("gs-explain")).toContainText("∂d/∂a = b = -3");
  await expect(w.getByTestId("gs-explain")).toContainText("grad(a) += -3 × -2: 0 → 6");
  for (const [name, g] of Object.entries({ a: "6", b: "-4", c: "-2", f: "4" })) await expect(w.getByTestId(`gs-grad-${name}`)).toHaveText(g);
  await expect(w.getByTestId("gs-step")).toBeDisabled();

  // The state is in the URL: a reload shows the same grads; Reset clears them.
  await page.reload();
  await expect(stepper(page).getByTestId("gs-grad-a")).toHaveText("6");
  await stepper(page).getByTestId("gs-reset").click();
  await expect(stepper(page).getByTestId("gs-grad-a")).toHaveText("0");
  expect(errors).toEqual([]);
});

test("GraphStepper: forgetting zero-grad doubles the grads; Zero grad clears them; leaf values are editable", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/autograd");
  const w = stepper(page);
  await w.getByTestId("gs-forget").check();
  await w.getByTestId("gs-all").click();
  await w.getByTestId("gs-forward").click();
  await w.getByTestId("gs-all").click();
  for (const [name, g] of Object.entries({ a: "12", b: "-8", c: "-4", f: "8" })) await expect(w.getByTestId(`gs-grad-${name}`)).toHaveText(g);
  await expect(w.getByTestId("gs-accumulated")).toContainText("2 backward passes");
  await w.getByTestId("gs-zero").click();
  await expect(w.getByTestId("gs-grad-a")).toHaveText("0");
  // a = 3: L = (3·-3 + 10)·-2 = -2 and ∂L/∂b = a·f = -6
  await w.getByLabel("Value of a").fill("3");
  await w.getByTestId("gs-all").click();
  await expect(w.locator('.gs-node[data-name="L"]')).toHaveAttribute("data-data", "-2");
  await expect(w.getByTestId("gs-grad-b")).toHaveText("-6");
});

test("GraphStepper: a typed expression with a syntax error names the position", async ({ page }) => {
  await page.goto("./?lang=en#/lessons/autograd");
  const w = stepper(page);
  await w.getByTestId("gs-expr").fill("a * * b");
  await expect(w.getByTestId("gs-error")).toHaveText('Syntax error at position 5: expected a number, a variable or “(”, found “*”.');
  await w.getByTestId("gs-expr").fill("(x + y");
  await expect(w.getByTestId("gs-error")).toHaveText("Syntax error at position 1: this “(” is never closed.");
  // fixed, with values: x·y + x at x = 3, y = 4 → ∂x = y + 1 = 5, ∂y = x = 3
  await w.getByTestId("gs-expr").fill("x*y + x");
  await expect(w.getByTestId("gs-error")).toHaveText("Variable “x” has no value. Add x=… to the values.");
  await w.getByTestId("gs-values").fill("x=3, y=4");
  await w.getByTestId("gs-all").click();
  await expect(w.getByTestId("gs-grad-x")).toHaveText("5");
  await expect(w.getByTestId("gs-grad-y")).toHaveText("3");
});

test("FrameworkCheck: our grads equal tf.grad within float32 tolerance, and float32 finite differences break down at small h", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/autograd");
  const w = page.getByTestId("framework-check");
  await expect(w.getByTestId("fc-backend")).toContainText("tf.grad ran on the", { timeout: 60_000 });
  const rows = w.locator("tbody tr");
  await expect(rows).toHaveCount(5); // x1, w1, x2, w2, b
  const hand: Record<string, number> = { x1: -1.5, w1: 1, x2: 0.5, w2: 0, b: 0.5 }; // the tanh neuron, by hand
  for (const name of Object.keys(hand)) {
    const row = w.getByTestId(`fc-row-${name}`);
    const ours = Number(await row.getAttribute("data-ours")), theirs = Number(await row.getAttribute("data-tf"));
    expect(Math.abs(ours - hand[name]), name).toBeLessThan(1e-9);
    expect(Math.abs(theirs - ours), name).toBeLessThan(1e-6 * Math.max(1, Math.abs(ours)));
  }
  // h = 1e-3 in float32 is fine to ~1e-4; h = 1e-7 is off by more than 10% (w1's exact grad is 1)
  const fd = async () => Number(await w.getByTestId("fc-row-w1").getAttribute("data-fd"));
  expect(Math.abs((await fd()) - 1)).toBeLessThan(1e-3);
  await w.getByTestId("fc-h").fill("-7");
  await expect.poll(async () => Math.abs((await fd()) - 1)).toBeGreaterThan(0.1);
  await w.getByTestId("fc-f64").check();
  await expect.poll(async () => Math.abs((await fd()) - 1)).toBeLessThan(1e-6);
  expect(errors).toEqual([]);
});

for (const theme of ["light", "dark"] as const) {
  for (const [device, width] of [["desktop", 1280], ["phone", 375]] as const) {
    test(`screenshots of both widgets, ${theme}, ${device}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`./?lang=en&theme=${theme}#/lessons/autograd`);
      // Element screenshots scroll the widget to the top, under the sticky header: unstick it for the picture.
      await page.addStyleTag({ content: ".app-header { position: static; }" });
      const w = stepper(page);
      await w.getByTestId("gs-forward").click();
      await w.locator(".gs-scroll").focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
      await expect(w.getByTestId("gs-explain")).toContainText("Backward step 3 of 4");
      await w.screenshot({ path: `test-results/screenshots/graph-stepper-${theme}-${device}.png` });
      const neuron = stepper(page, "neuron");
      await neuron.getByTestId("gs-all").click();
      await neuron.screenshot({ path: `test-results/screenshots/graph-stepper-neuron-${theme}-${device}.png` });
      const fc = page.getByTestId("framework-check");
      await expect(fc.getByTestId("fc-backend")).toContainText("tf.grad ran on the", { timeout: 60_000 });
      await fc.screenshot({ path: `test-results/screenshots/framework-check-${theme}-${device}.png` });
      // Nothing makes the page itself scroll sideways (the graph scrolls inside its own box).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    });
  }
}

test("the lesson's math renders without KaTeX errors, and the page logs no errors", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("./?lang=en#/lessons/autograd");
  await expect(page.locator("h1")).toHaveText("Autograd: the chain rule on a graph");
  await expect(page.getByTestId("framework-check").getByTestId("fc-backend")).toContainText("tf.grad ran on the", { timeout: 60_000 });
  await expect(page.locator(".katex-error")).toHaveCount(0);
  // the sum rule, as the lesson wrote it
  await expect(page.locator(".katex-display annotation", { hasText: "\\text{children}(x)" })).toHaveCount(1);
  await page.screenshot({ path: "test-results/screenshots/lesson-autograd-light.png", fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, k = 0; y < height; y += 1600, k++) // the long page in readable pieces
    await page.screenshot({ path: `test-results/screenshots/lesson-autograd-light-part${k}.png`, fullPage: true, clip: { x: 0, y, width: 1280, height: Math.min(1600, height - y) } });
  expect(errors).toEqual([]);
});
