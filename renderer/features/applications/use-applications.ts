/** The register of applications (the core's query hook) and each form's deadline. */
import { useMemo } from 'react';
import { formDeadline, type ApplicationForm } from '../../../shared/applications';
import type { LocalDeadline } from '../../../shared/calendar/deadline';
import type { ElectionSetup } from '../../../shared/election/model';
import { calendarItems } from '../../ui/calendar-rows';

export { useApplications } from '../../core';

export function useFormDeadlines(setup: ElectionSetup): Record<ApplicationForm, LocalDeadline | null> {
  const { votingDay, electionCallDate, calendarApproved } = setup.election;
  const zone = setup.precinct.timeZone;
  const precinctForm2 = setup.precinct.form2;
  return useMemo(() => {
    const anchors = { votingDay, electionCalled: electionCallDate };
    return {
      form2: formDeadline('form2', calendarItems(), anchors, zone, calendarApproved, precinctForm2),
      form3: formDeadline('form3', calendarItems(), anchors, zone, calendarApproved),
    };
  }, [votingDay, electionCallDate, zone, calendarApproved, precinctForm2]);
}
