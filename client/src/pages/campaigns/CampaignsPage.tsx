// The coordinators' campaign screens at /campaigns: the school year's calendar and list
// (no query), the plan form (?plan, or ?edit=… to change a plan), one campaign's page (?id=…), and
// the administrator's audit log (?audit, or ?audit=<campaignId>).
import { useTexts } from '../../i18n';
import { AccountFrame } from '../../components/AccountFrame';
import { SignInPrompt } from '../../components/SignInPrompt';
import { useSession } from '../../session';
import { AuditView } from './AuditView';
import { CalendarView } from './CalendarView';
import { CampaignView } from './CampaignView';
import { PlanForm } from './PlanForm';
import { campaignTexts } from './texts';
import './campaigns.css';

export default function CampaignsPage() {
  const [, t] = useTexts(campaignTexts);
  const { user } = useSession();
  const query = new URLSearchParams(window.location.search);
  const id = query.get('id');

  if (user === undefined)
    return (
      <AccountFrame title={t('title')}>
        <p role="status">{t('loading')}</p>
      </AccountFrame>
    );
  if (user === null) {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    return (
      <AccountFrame title={t('title')}>
        <SignInPrompt text={t('notSignedIn')} link={t('goSignIn')} href={`/sign-in?next=${next}`} />
      </AccountFrame>
    );
  }
  if (id) return <CampaignView id={id} />;
  if (query.has('audit')) return <AuditView campaignId={query.get('audit') || undefined} everyCampaign={user.role === 'administrator'} />;
  const edit = query.get('edit');
  if (edit) return <PlanForm editId={edit} />;
  if (query.has('plan')) return <PlanForm />;
  return <CalendarView administrator={user.role === 'administrator'} />;
}
