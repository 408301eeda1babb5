import type { Root } from "mdast";
import type { Plugin } from "unified";
import { visit } from "unist-util-visit";
import { isWidgetName, validateProps, widgetNames } from "./widgetSpecs";
import { isExerciseNode, markExercise } from "./exercises/directive";
import { isCodeTabsNode, markCodeTabs } from "./codeTabs";

/** One widget directive found in a lesson, already checked against its spec. */
export interface WidgetUse {
  name: string;
  line: number; // 1-based line in the lesson file
  props: Record<string, number | string | boolean>;
  errors: string[];
}

/**
 * Checks one `::name{key=value}` directive. Example: checkDirective("nope", {}, 12).errors →
 * ['unknown widget "nope". Known widgets: matmul-demo.']
 */
export function checkDirective(name: string, attrs: Record<string, string | null | undefined>, line: number): WidgetUse {
  if (!isWidgetName(name)) return { name, line, props: {}, errors: [`unknown widget "${name}". Known widgets: ${widgetNames.join(", ")}.`] };
  const { props, errors } = validateProps(name, attrs);
  return { name, line, props, errors };
}

/**
 * Presenter-only directives, which readers never see: `::slide` (a slide break inside a section) and
 * `:::notes … :::` (speaker notes for the slide it sits in). src/presenter/slides.ts reads them from the source.
 */
export function isPresenterNode(node: { type: string; name?: string }): boolean {
  return (node.type === "leafDirective" && node.name === "slide") || (node.type === "containerDirective" && node.name === "notes");
}

/**
 * remark plugin: every leaf (`::x{}`) or container (`:::x … :::`) directive becomes a `<dojo-widget>` element
 * carrying its checked props, or its errors, as JSON. Text directives (`:x`) are left as text, since lessons
 * use colons in prose. `lineOffset` shifts line numbers by the front matter so errors name the file's line.
 */
export const remarkWidgets: Plugin<[{ lineOffset?: number }?], Root> = (options) => {
  const offset = options?.lineOffset ?? 0;
  return (tree) => {
    const exerciseIds = new Set<string>();
    visit(tree, (node, _index, parent) => {
      if (node.type !== "leafDirective" && node.type !== "containerDirective") return;
      if (isPresenterNode(node)) {
        node.data = { ...node.data, hName: "dojo-presenter-only" };
        return "skip";
      }
      if (isExerciseNode(node)) return markExercise(node, parent, offset, exerciseIds); // exercises/directive.ts
      if (isCodeTabsNode(node)) return markCodeTabs(node, offset); // codeTabs.ts
      const use = checkDirective(node.name, node.attributes ?? {}, (node.position?.start.line ?? 0) + offset);
      node.data = { ...node.data, hName: "dojo-widget", hProperties: { dataWidget: JSON.stringify(use) } };
    });
  };
};
