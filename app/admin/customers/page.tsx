import Link from 'next/link';
import { CustomerSearch } from '@/components/admin/customers/customer-search';
import { CustomersTable } from '@/components/admin/customers/customers-table';
import { Card, EmptyState, Notice, PageHeader } from '@/components/admin/orders/dashboard-ui';
import { firstParam } from '@/components/admin/orders/format';
import { Pagination } from '@/components/catalog/pagination';
import { getDb } from '@/db/client';
import { CUSTOMER_SORTS, listCustomers, type CustomerSort } from '@/lib/analytics/customers';
import { ApiError } from '@/lib/api/errors';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Customers' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CustomersPage({ searchParams }: Props) {
  const params = await searchParams;
  await requireStaff('/admin/customers');
  const search = firstParam(params.q)?.trim() || undefined;
  const sortParam = firstParam(params.sort);
  const sort: CustomerSort = (CUSTOMER_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as CustomerSort) : 'recent';
  const list = await listCustomers(getDb(), { search, sort, page: firstParam(params.page) }).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 400) return null;
    throw error;
  });
  const keep: [string, string][] = [];
  if (search) keep.push(['q', search]);
  if (sort !== 'recent') keep.push(['sort', sort]);

  return (
    <>
      <PageHeader
        title="Customers"
        description="Everyone with a customer account. Lifetime value adds up their paid orders (confirmed, being packed, shipped or delivered); cancelled, refunded and unpaid orders don’t count."
      />
      <CustomerSearch search={search} sort={sort} />
      {!list ? (
        <Notice tone="error" className="mt-4">
          That page doesn’t exist. <Link href="/admin/customers" className="font-semibold underline">Show all customers</Link>
        </Notice>
      ) : (
        <Card className="mt-4" flush>
          {list.customers.length === 0 ? (
            <EmptyState
              title={search ? `No customer matches “${search}”` : 'No customers yet'}
              testId="customers-empty"
              action={
                search ? (
                  <Link href="/admin/customers" className="font-medium text-brand-700 hover:underline">
                    Show everyone
                  </Link>
                ) : undefined
              }
            >
              {search ? 'Try part of their email address, or their first or last name.' : 'Shoppers appear here as soon as they create an account.'}
            </EmptyState>
          ) : (
            <>
              <CustomersTable customers={list.customers} now={new Date()} />
              <div className="flex flex-col items-center justify-between gap-2 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 sm:flex-row">
                <p>
                  Showing {((list.page - 1) * list.limit + 1).toLocaleString('en-US')}–{Math.min(list.page * list.limit, list.total).toLocaleString('en-US')} of{' '}
                  {list.total.toLocaleString('en-US')}
                </p>
                <div className="[&>nav]:mt-0">
                  <Pagination page={list.page} pageCount={list.pageCount} basePath="/admin/customers" params={keep} />
                </div>
              </div>
            </>
          )}
        </Card>
      )}
    </>
  );
}
