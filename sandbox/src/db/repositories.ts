import type { SandboxDatabase } from './database';
import { ActionRepository } from './actions';
import { CaseRepository } from './cases';
import { CommentRepository } from './comments';
import { DeliveryRepository } from './deliveries';
import { DeviceRepository } from './devices';
import { EventClaimRepository } from './event-claims';
import { EventRepository } from './events';
import { IdempotencyRepository } from './idempotency';
import { IocRepository } from './iocs';
import { ObservationRepository } from './observations';
import { SummaryRepository } from './summaries';
import { TenantRepository } from './tenants';
import { TokenRepository } from './tokens';
import { UserRepository } from './users';
import { WebhookRepository } from './webhooks';

export interface Repositories {
  tenants: TenantRepository;
  users: UserRepository;
  devices: DeviceRepository;
  cases: CaseRepository;
  observations: ObservationRepository;
  comments: CommentRepository;
  actions: ActionRepository;
  iocs: IocRepository;
  summaries: SummaryRepository;
  tokens: TokenRepository;
  webhooks: WebhookRepository;
  deliveries: DeliveryRepository;
  events: EventRepository;
  eventClaims: EventClaimRepository;
  idempotency: IdempotencyRepository;
}

export function createRepositories(db: SandboxDatabase): Repositories {
  return {
    tenants: new TenantRepository(db),
    users: new UserRepository(db),
    devices: new DeviceRepository(db),
    cases: new CaseRepository(db),
    observations: new ObservationRepository(db),
    comments: new CommentRepository(db),
    actions: new ActionRepository(db),
    iocs: new IocRepository(db),
    summaries: new SummaryRepository(db),
    tokens: new TokenRepository(db),
    webhooks: new WebhookRepository(db),
    deliveries: new DeliveryRepository(db),
    events: new EventRepository(db),
    eventClaims: new EventClaimRepository(db),
    idempotency: new IdempotencyRepository(db),
  };
}
