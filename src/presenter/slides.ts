import GithubSlugger from "github-slugger";
import { toString } from "mdast-util-to-string";
import type { Root, RootContent } from "mdast";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkDirective from "remark-directive";

/** One slide of a lesson in presenter mode: a section (or part of one), with its speaker notes. */
export interface Slide {
  /** the section's heading text; the first slide (the lesson's opening, before any heading) has "" */
  title: string;
  /** the section's heading id (as rehype-slug and the contents give it), for #/lessons/slug/<section>; "" for the opening */
  section: string;
  /** this slide's Markdown, notes removed; a continuation slide (after ::slide) has no heading of its own */
  body: string;
  /** the speaker notes of this slide (every :::notes block in it), Markdown; "" when none */
  notes: string;
  /** 1-based line in the body where the slide starts (add the lesson's bodyLineOffset for the file's line) */
  line: number;
  /** 1 for a section's first slide, 2… for the slides after each ::slide in it */
  part: number;
}

/**
 * A lesson body as slides: a new slide at every `## ` heading and at every `::slide` line; `:::notes … :::` blocks
 * move into the slide's notes. h3 and deeper stay inside their section's slide. Headings and directives inside code
 * fences are text, since this reads the Markdown tree, not lines.
 * Example: splitSlides("Intro\n\n## A\n\nx\n\n::slide\n\ny\n\n:::notes\nSay y.\n:::\n") →
 *   [{title:"", body:"Intro"}, {title:"A", section:"a", body:"## A\n\nx"}, {title:"A", part:2, body:"y", notes:"Say y."}]
 */
export function splitSlides(body: string): Slide[] {
  const tree = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDirective).parse(body) as Root;
  const slugger = new GithubSlugger();
  const slides: Slide[] = [];
  const pieces: string[][] = [];
  const notes: string[][] = [];
  const start = (title: string, section: string, line: number, part: number) => {
    slides.push({ title, section, body: "", notes: "", line, part });
    pieces.push([]);
    notes.push([]);
  };
  const text = (n: RootContent) => body.slice(n.position!.start.offset!, n.position!.end.offset!);
  start("", "", 1, 1);
  for (const node of tree.children) {
    // every heading takes a slug in document order, so ids match the reader's page even for h3s inside a slide
    const id = node.type === "heading" ? slugger.slug(toString(node)) : "";
    const line = node.position?.start.line ?? 1;
    if (node.type === "heading" && node.depth === 2) {
      start(toString(node), id, line, 1);
      pieces[pieces.length - 1].push(text(node));
    } else if (node.type === "leafDirective" && node.name === "slide") {
      const last = slides[slides.length - 1];
      start(last.title, last.section, line, last.part + 1);
    } else if (node.type === "containerDirective" && node.name === "notes") {
      const inner = node.children.length
        ? body.slice(node.children[0].position!.start.offset!, node.children[node.children.length - 1].position!.end.offset!)
        : "";
      notes[notes.length - 1].push(inner.trim());
    } else {
      pieces[pieces.length - 1].push(text(node));
    }
  }
  slides.forEach((s, i) => {
    s.body = pieces[i].join("\n\n");
    s.notes = notes[i].filter(Boolean).join("\n\n");
  });
  // an empty opening (a lesson that starts with its first heading) is not a slide
  return slides.filter((s, i) => i > 0 || s.body.trim() || s.notes);
}

/** The slide (0-based) that shows a section: its first slide, or 0 when the section is unknown. */
export function slideOfSection(slides: Slide[], section: string | undefined): number {
  if (!section) return 0;
  const i = slides.findIndex((s) => s.section === section);
  return i < 0 ? 0 : i;
}
