/** Presenter mode, projected (#/present/<slug>/<n>). Placeholder until the presenter-mode work lands. */
export function PresenterMode({ slug, slide }: { slug: string; slide: number }) {
  return (
    <div className="presenting" data-testid="presenter-mode">
      {slug} {slide + 1}
    </div>
  );
}
