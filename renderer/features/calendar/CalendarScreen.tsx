export function CalendarScreen() {
  return <div data-testid="calendar">calendar</div>;
}
