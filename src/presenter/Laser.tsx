import { useEffect, useRef } from "react";

/** How long a point of the trail stays visible, ms. */
const TRAIL_MS = 260;
/** The dot's radius in CSS px: large enough to see from the back of a room on a 1080p projector. */
const RADIUS = 14;

/**
 * A laser pointer: a bright red dot with a short fading trail that follows the mouse (or pen, or finger), drawn on
 * a canvas over the whole window that lets every click through. The page hides the cursor while it is on.
 */
export function Laser() {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext("2d");
    if (!c || !ctx) return;
    const points: { x: number; y: number; t: number }[] = [];
    let frame = 0;
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      c.width = Math.round(window.innerWidth * dpr);
      c.height = Math.round(window.innerHeight * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    };
    const draw = () => {
      frame = 0;
      const now = performance.now();
      while (points.length > 1 && now - points[0].t > TRAIL_MS) points.shift();
      ctx.clearRect(0, 0, window.innerWidth, window.innerHeight);
      // the trail: older points smaller and fainter
      for (let i = 0; i < points.length - 1; i++) {
        const age = (now - points[i].t) / TRAIL_MS;
        if (age >= 1) continue;
        ctx.beginPath();
        ctx.fillStyle = `rgba(255, 30, 30, ${0.45 * (1 - age)})`;
        ctx.arc(points[i].x, points[i].y, RADIUS * (1 - 0.6 * age), 0, 2 * Math.PI);
        ctx.fill();
      }
      const last = points[points.length - 1];
      if (last) {
        ctx.beginPath();
        ctx.shadowColor = "rgba(255, 0, 0, 0.9)";
        ctx.shadowBlur = 18;
        ctx.fillStyle = "#ff1a1a";
        ctx.arc(last.x, last.y, RADIUS, 0, 2 * Math.PI);
        ctx.fill();
        ctx.shadowBlur = 0;
        ctx.beginPath();
        ctx.fillStyle = "rgba(255, 235, 235, 0.95)"; // a hot centre, as a real laser spot looks
        ctx.arc(last.x, last.y, RADIUS * 0.35, 0, 2 * Math.PI);
        ctx.fill();
      }
      if (points.length > 1) frame = requestAnimationFrame(draw); // keep fading the trail
    };
    const onMove = (e: PointerEvent) => {
      points.push({ x: e.clientX, y: e.clientY, t: performance.now() });
      if (!frame) frame = requestAnimationFrame(draw);
    };
    resize();
    window.addEventListener("resize", resize);
    window.addEventListener("pointermove", onMove, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("resize", resize);
      window.removeEventListener("pointermove", onMove);
    };
  }, []);
  return <canvas ref={canvas} className="presenter-laser" aria-hidden data-testid="presenter-laser" />;
}
