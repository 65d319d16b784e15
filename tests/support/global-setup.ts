// jest globalSetup of the projects whose tests start a seeded Mera (api, e2e).
import { seedDemoTemplate } from './test-store';

export default seedDemoTemplate;
