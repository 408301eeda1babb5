/** One widget alone (#/handout/<slug>/<widget id>), as a hand-out link opens it. Placeholder until that work lands. */
export function HandoutPage({ slug, widget }: { slug: string; widget: string }) {
  return (
    <div className="page" data-testid="handout">
      {slug} {widget}
    </div>
  );
}
