/** The job handlers. Each is safe to run twice. */
import type { TaskList } from 'graphile-worker';
import { getDb } from '@/db/client';
import { TASKS } from '@/lib/events/outbox';
import { dispatch } from '@/lib/events/subscribers';
import type { DomainEvent } from '@/lib/events/types';
import { reconcileLiveGates } from '@/lib/flash/subscriber';
import { ARCHIVE_TASK, archiveOldOrders } from '@/lib/orders/archive';
import { expireOrderIfDue, sweepExpiredOrders } from '@/lib/orders/expiry';
import { PAYMENT_TASKS } from '@/lib/payments/after-transition';
import { paymentProvider } from '@/lib/payments/config';
import { runCancelPayment, runRefund } from '@/lib/payments/jobs';
import { MAIL_TASK } from '@/lib/notifications/config';
import { runSendMailJob } from '@/lib/notifications/send-mail';
import { revalidateRemotely } from '@/lib/catalog/remote-revalidate';
import { RECOMMENDATION_TASKS } from '@/lib/recommendations/bought-together';
import { runRecommendationsJob } from '@/lib/recommendations/job';
import './subscribers';

function orderIdOf(payload: unknown): string {
  const orderId = (payload as { orderId?: unknown } | null)?.orderId;
  if (typeof orderId !== 'string') throw new Error('job payload has no orderId');
  return orderId;
}

export const taskList: TaskList = {
  [MAIL_TASK]: async (payload, helpers) => {
    await runSendMailJob(getDb(), payload, helpers.job);
  },
  [TASKS.expireOrder]: async (payload, helpers) => {
    const orderId = orderIdOf(payload);
    if (await expireOrderIfDue(getDb(), orderId)) helpers.logger.info(`expired unpaid order ${orderId}`);
  },
  [TASKS.sweepExpiredOrders]: async (_payload, helpers) => {
    const expired = await sweepExpiredOrders(getDb());
    if (expired > 0) helpers.logger.info(`sweep expired ${expired} unpaid order(s)`);
  },
  [TASKS.reconcileGates]: async () => {
    await reconcileLiveGates(getDb());
  },
  [ARCHIVE_TASK]: async (_payload, helpers) => {
    const { orderIds, batches } = await archiveOldOrders(getDb());
    if (orderIds.length > 0) helpers.logger.info(`archived ${orderIds.length} old order(s) in ${batches} batch(es)`);
  },
  [TASKS.domainEvent]: async (payload, helpers) => {
    // Jobs queued before events carried an eventId fall back to the job's own id (stable across its retries).
    await dispatch(getDb(), payload as DomainEvent, `job:${helpers.job.id}`);
  },
  [PAYMENT_TASKS.refund]: async (payload, helpers) => {
    const refundId = (payload as { refundId?: unknown }).refundId;
    if (typeof refundId !== 'string') throw new Error('job payload has no refundId');
    helpers.logger.info(`refund ${refundId}: ${await runRefund(getDb(), refundId, paymentProvider())}`);
  },
  [PAYMENT_TASKS.cancel]: async (payload, helpers) => {
    const paymentId = (payload as { paymentId?: unknown }).paymentId;
    if (typeof paymentId !== 'string') throw new Error('job payload has no paymentId');
    helpers.logger.info(`payment ${paymentId}: ${await runCancelPayment(getDb(), paymentId, paymentProvider())}`);
  },
  [RECOMMENDATION_TASKS.boughtTogether]: async (_payload, helpers) => {
    await runRecommendationsJob(getDb(), revalidateRemotely, { log: (line) => helpers.logger.info(line) });
  },
};

/** The sweep catches any order whose expiry job was lost (e.g. the worker died mid-run). */
export const crontab = [
  `* * * * * ${TASKS.sweepExpiredOrders} ?max=1&jobKey=sweep-expired-orders`,
  // Gates are reconciled after every stock change; this catches anything a lost job missed.
  `* * * * * ${TASKS.reconcileGates} ?max=1&jobKey=reconcile-flash-gates`,
  // Old final orders move to the archive daily; a run missed while the worker was down is made up within a day.
  `0 3 * * * ${ARCHIVE_TASK} ?fill=1d&max=3&jobKey=archive-orders`,
  // "Bought together" counts, incremental: only orders paid since the last run.
  `*/10 * * * * ${RECOMMENDATION_TASKS.boughtTogether} ?max=1&jobKey=recommendations-bought-together`,
].join('\n');

/** Jobs queued once each time the runner starts (job keys keep a restart from queueing them twice). */
export const startupJobs: { task: string; jobKey: string }[] = [
  { task: RECOMMENDATION_TASKS.boughtTogether, jobKey: 'recommendations-bought-together' },
];
