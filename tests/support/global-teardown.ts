// jest globalTeardown matching global-setup.ts.
import { removeDemoTemplate } from './test-store';

export default removeDemoTemplate;
