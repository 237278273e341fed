/** Every posting and informing recorded, in log order (the core's query hook). */
export { usePostingEvents as usePostings } from '../../core';
