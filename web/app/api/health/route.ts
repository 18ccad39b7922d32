/** GET /api/health: 200 when the web server runs (used by npm run dev and the tests to wait for it). */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
