/** The speaker's view (#/presenter/<slug>), in a second window. Placeholder until the presenter-view work lands. */
export function PresenterView({ slug }: { slug: string }) {
  return <div data-testid="presenter-view">{slug}</div>;
}
