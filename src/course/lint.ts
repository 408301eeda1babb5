import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkDirective from "remark-directive";
import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import { checkDirective, isPresenterNode, type WidgetUse } from "./directives";
import { parseLessonSource } from "./frontmatter";
import { isExerciseNode, lintExerciseNode } from "./exercises/directive";
import { checkCodeTabs, isCodeTabsNode } from "./codeTabs";

/**
 * Every widget directive of one lesson file with its problems, using the page's own parser and checks.
 * A problem reads "lessons/01-tensors/en.md:12: unknown widget …" so a failing test points at the line.
 */
export function lintLesson(path: string, source: string): { uses: WidgetUse[]; problems: string[] } {
  const { body, bodyLineOffset } = parseLessonSource(path, source);
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDirective).parse(body) as Root;
  const uses: WidgetUse[] = [];
  const exerciseIds = new Set<string>();
  visit(tree, (node, _index, parent) => {
    if (node.type !== "leafDirective" && node.type !== "containerDirective") return;
    if (isPresenterNode(node)) {
      if (node.type === "leafDirective" && (node.children.length || Object.keys(node.attributes ?? {}).length))
        uses.push({ name: "slide", line: (node.position?.start.line ?? 0) + bodyLineOffset, props: {}, errors: ["::slide takes no label or attributes: write it alone on its line"] });
      return "skip";
    }
    if (isCodeTabsNode(node)) uses.push(checkCodeTabs(node, bodyLineOffset));
    else if (isExerciseNode(node)) {
      const use = lintExerciseNode(node, parent, bodyLineOffset, exerciseIds);
      if (use) uses.push(use);
    } else uses.push(checkDirective(node.name, node.attributes ?? {}, (node.position?.start.line ?? 0) + bodyLineOffset));
  });
  const problems = uses.flatMap((u) => u.errors.map((e) => `${path}:${u.line}: ${e}`));
  return { uses, problems };
}
