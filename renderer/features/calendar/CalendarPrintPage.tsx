export function CalendarPrintPage() {
  return <div>print</div>;
}
