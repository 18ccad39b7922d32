/**
 * What the server gives the browser: the web's own API routes' answers (app/api/<route>/route.ts)
 * and the props server pages hand to client components. One home for the shapes, so that client
 * components and hooks import them from here, never from a route handler or a server module.
 */
import type { NotificationView } from "@/lib/server/notifications.ts";

export type { NotificationView } from "@/lib/server/notifications.ts";
/** The review page's props (/workbench/<applicationId>/<step>), built on the server by lib/server/review.ts. */
export type { ReviewLicence, ReviewUpload, ReviewView } from "@/lib/server/review.ts";

/** What an API route answers when it cannot (400 for bad input, 502 when the node or indexer fails). */
export type ApiErrorBody = { error: { zh: string; en: string } };

/** GET /api/queue: one active step of the officer's department. */
export type QueueItem = {
  applicationId: string;
  matterCode: string;
  matterName: string;
  matterNameEn: string;
  step: number;
  deadline: number;
  overdue: boolean;
  votes: number;
  voted: boolean;
  isOutput: boolean;
  returned: boolean;
  applicant: string;
  /** For the output step: the licence type it issues (id, current version, field names). */
  output: { typeId: number; typeVersion: number; fieldNames: string[] } | undefined;
  /** The output licence the first approving vote named (later votes name the same). */
  outputLicenceId: string | undefined;
};
export type QueueResponse =
  | { officer: false }
  | {
      officer: true;
      department: { id: number; code: string; name: string; nameEn: string; threshold: number; officers: number };
      now: number;
      items: QueueItem[];
    };

/** GET /api/notifications: an applicant's pushes, newest first, with names. */
export type NotificationsResponse = { source: "indexer" | "chain"; notifications: NotificationView[] };
