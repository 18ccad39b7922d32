import { Calendars } from "../_components/Calendars.tsx";

export default function AdminCalendarsPage() {
  return <Calendars />;
}
