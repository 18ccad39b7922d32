"use client";
/** /wallet/activity: the page could not load (app/error.tsx's note applies). */
import { LoadError, type SegmentErrorProps } from "@/components/LoadError.tsx";

export default function ActivityError(props: SegmentErrorProps) {
  return <LoadError {...props} />;
}
