"use client";
/** /wallet: the page could not load (app/error.tsx's note applies). */
import { LoadError, type SegmentErrorProps } from "@/components/LoadError.tsx";

export default function WalletError(props: SegmentErrorProps) {
  return <LoadError {...props} />;
}
