"use client";
/** /verify: the page could not load (app/error.tsx's note applies). */
import { LoadError, type SegmentErrorProps } from "@/components/LoadError.tsx";

export default function VerifyError(props: SegmentErrorProps) {
  return <LoadError {...props} />;
}
