/** The register of applications and each form's deadline, live from the projection. */
import { useQuery } from '../../core/query';
import { useMemo } from 'react';
import { EMPTY_APPLICATIONS, formDeadline, type ApplicationForm, type ApplicationsState } from '../../../shared/applications';
import type { LocalDeadline } from '../../../shared/calendar/deadline';
import type { ElectionSetup } from '../../../shared/election/model';
import { readApplications } from '../../db/projectors';
import { calendarItems } from '../../ui/calendar-rows';

export function useApplications(): ApplicationsState {
  return useQuery((db) => readApplications(db), [], EMPTY_APPLICATIONS);
}

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
