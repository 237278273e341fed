/** The second laptop of the precinct's desk in the scenarios that need one (its events are never the trainee's). */
export const OTHER_DEVICE_ID = 'training-second-laptop';
