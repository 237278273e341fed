/** The training entry of the navigation (and of the Electron menu): enter or leave, scenarios, state files. */
import { TrainingSwitch } from './TrainingSwitch';

export function TrainingScreen() {
  return (
    <div className="screen" data-testid="training-screen">
      <TrainingSwitch />
    </div>
  );
}
