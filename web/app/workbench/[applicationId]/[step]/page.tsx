/** /workbench/<applicationId>/<step>: an officer reviews one step of one application (step index from 0). */
import type { Hex } from "viem";

import { APPLICATION_ID } from "@/lib/server/application.ts";
import { getLang } from "@/lib/server/lang.ts";
import { load } from "@/lib/server/load.ts";
import { getReviewView } from "@/lib/server/review.ts";
import { format } from "@/messages/index.ts";
import { Review } from "./_components/Review.tsx";

export const dynamic = "force-dynamic";

export default async function ReviewPage({ params }: { params: Promise<{ applicationId: string; step: string }> }) {
  const { applicationId, step } = await params;
  const { lang, m } = await getLang();
  const problem = (text: string) => (
    <>
      <h1>{m.review.title}</h1>
      <p role="alert" className="banner error" data-testid="review-error">
        {text}
      </p>
    </>
  );
  if (!APPLICATION_ID.test(applicationId)) return problem(m.errors.badApplicationId);
  if (!/^\d{1,3}$/.test(step)) return problem(format(m.errors.notFound, { what: `${applicationId} / ${step}` }));
  const loaded = await load(lang, () => getReviewView(applicationId as Hex, Number(step)));
  if (!loaded.ok) return problem(loaded.message);
  if (!loaded.value) return problem(format(m.errors.notFound, { what: `${applicationId} / ${Number(step) + 1}` }));
  return <Review view={loaded.value} />;
}
