import Link from 'next/link';
import { ProductGrid } from '@/components/catalog/product-card';
import { HomeRecommendations } from '@/components/recommendations/home-recommendations';
import { Container } from '@/components/ui/container';
import { buttonStyles } from '@/components/ui/button-styles';
import { getCategoryTree, getListing } from '@/lib/catalog/cached';
import { descendantIds } from '@/lib/catalog/queries';

// Rendered per request from cached catalog data (and so never at build time, when there may be no database).
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const categories = await getCategoryTree();
  const [featured, newest, covers] = await Promise.all([
    getListing({ categoryIds: null, featuredOnly: true, sort: 'featured', page: 1, limit: 8 }),
    getListing({ categoryIds: null, sort: 'newest', page: 1, limit: 4 }),
    Promise.all(
      categories.map((category) =>
        getListing({ categoryIds: descendantIds(category), sort: 'featured', page: 1, limit: 1 }).then((l) => l.items[0]?.image ?? null),
      ),
    ),
  ]);

  return (
    <>
      <section className="bg-gradient-to-br from-slate-900 via-slate-800 to-brand-900 text-white">
        <Container className="py-16 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-widest text-brand-100">New season, honest stock</p>
          <h1 className="mt-3 max-w-2xl text-4xl font-bold tracking-tight sm:text-5xl">Gear that’s really on the shelf.</h1>
          <p className="mt-4 max-w-xl text-lg text-slate-200">
            Every “In stock” here is counted in real time. If you can add it to your cart, we can ship it.
          </p>
          {categories[0] && (
            <Link href={`/categories/${categories[0].slug}`} className={`${buttonStyles.light} mt-8`}>
              Shop {categories[0].name.toLowerCase()}
            </Link>
          )}
        </Container>
      </section>

      <Container className="py-14">
        <h2 className="text-2xl font-bold tracking-tight text-slate-900">Shop by category</h2>
        {categories.length === 0 ? (
          <p className="mt-4 text-slate-600">The shop has no categories yet. A merchant can add them from the dashboard.</p>
        ) : (
          <ul className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-4">
            {categories.map((category, index) => (
              <li key={category.id} className="group relative overflow-hidden rounded-xl border border-slate-200 bg-white">
                <div className="aspect-[4/3] bg-slate-100">
                  {covers[index] && (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img src={covers[index].url} alt="" width={600} height={450} className="size-full object-cover transition group-hover:scale-[1.03]" />
                  )}
                </div>
                <div className="p-3">
                  <h3 className="font-semibold text-slate-900">
                    <Link href={`/categories/${category.slug}`} className="after:absolute after:inset-0">
                      {category.name}
                    </Link>
                  </h3>
                  <p className="mt-1 line-clamp-2 text-xs text-slate-600">{category.description}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Container>

      <Container className="pb-14">
        <HomeRecommendations />
      </Container>

      {featured.items.length > 0 && (
        <Container className="pb-14">
          <h2 className="text-2xl font-bold tracking-tight text-slate-900">Featured</h2>
          <div className="mt-6">
            <ProductGrid products={featured.items} eager={4} />
          </div>
        </Container>
      )}

      {newest.items.length > 0 && (
        <Container className="pb-4">
          <h2 className="text-2xl font-bold tracking-tight text-slate-900">Just in</h2>
          <div className="mt-6">
            <ProductGrid products={newest.items} />
          </div>
        </Container>
      )}
    </>
  );
}
