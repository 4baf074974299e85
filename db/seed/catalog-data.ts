/** The demo shop's content: categories, brands, product name parts and how each kind of product varies. */

export type VariantScheme =
  | { kind: 'apparel'; sizes: readonly string[] }
  | { kind: 'shoe'; sizes: readonly string[] }
  | { kind: 'capacity'; sizes: readonly string[] }
  | { kind: 'color' }
  | { kind: 'single' };

export type LeafCategory = {
  slug: string;
  name: string;
  description: string;
  shape: string;
  /** Base prices in cents; variants may add a premium. */
  price: readonly [min: number, max: number];
  nouns: readonly string[];
  variants: VariantScheme;
  materials: readonly string[];
  features: readonly string[];
};

export type TopCategory = {
  slug: string;
  name: string;
  description: string;
  brands: readonly string[];
  children: readonly LeafCategory[];
};

export const COLORS = [
  { name: 'Black', hex: '1f2937' },
  { name: 'White', hex: 'f3f4f6' },
  { name: 'Navy', hex: '1e3a8a' },
  { name: 'Red', hex: 'dc2626' },
  { name: 'Forest', hex: '166534' },
  { name: 'Sand', hex: 'd6c7a1' },
  { name: 'Grey', hex: '6b7280' },
  { name: 'Blue', hex: '2563eb' },
  { name: 'Olive', hex: '4d5d2a' },
  { name: 'Burgundy', hex: '7f1d1d' },
  { name: 'Yellow', hex: 'eab308' },
  { name: 'Pink', hex: 'ec4899' },
  { name: 'Orange', hex: 'ea580c' },
  { name: 'Teal', hex: '0d9488' },
] as const;

export const ADJECTIVES = [
  'Everyday', 'Coastline', 'Summit', 'Harbor', 'Urban', 'Classic', 'Meridian', 'Northwind',
  'Drift', 'Canyon', 'Aurora', 'Tidal', 'Granite', 'Solstice', 'Voyager', 'Cedar', 'Atlas', 'Ember',
] as const;

const APPAREL_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const;
const SHOE_SIZES = ['38', '39', '40', '41', '42', '43', '44', '45', '46'] as const;

export const CATALOG: readonly TopCategory[] = [
  {
    slug: 'clothing',
    name: 'Clothing',
    description: 'Everyday layers built to last, from heavyweight tees to weatherproof shells.',
    brands: ['Halden', 'Northline', 'Fable & Co', 'Kestrel'],
    children: [
      {
        slug: 't-shirts', name: 'T-Shirts', shape: 'tshirt', price: [1900, 4500],
        description: 'Soft, breathable tees in organic cotton and merino.',
        nouns: ['Crew Tee', 'Pocket Tee', 'Heavyweight Tee', 'Raglan Tee', 'V-Neck Tee', 'Henley', 'Long Sleeve Tee', 'Ringer Tee', 'Slub Tee', 'Boxy Tee', 'Merino Tee', 'Sleeveless Tee'],
        variants: { kind: 'apparel', sizes: APPAREL_SIZES },
        materials: ['organic cotton', 'cotton jersey', 'merino wool', 'cotton-linen blend'],
        features: ['a reinforced collar that keeps its shape', 'pre-shrunk fabric', 'flat-lock seams that never chafe', 'a relaxed, modern fit'],
      },
      {
        slug: 'hoodies', name: 'Hoodies & Sweats', shape: 'hoodie', price: [4900, 9900],
        description: 'Brushed fleece hoodies and sweatshirts for cold mornings.',
        nouns: ['Pullover Hoodie', 'Zip Hoodie', 'Crewneck Sweat', 'Fleece Hoodie', 'Quarter Zip', 'Loopback Hoodie', 'Tech Hoodie', 'Oversized Hoodie', 'Half Zip Sweat', 'Sherpa Hoodie', 'Trail Hoodie'],
        variants: { kind: 'apparel', sizes: APPAREL_SIZES },
        materials: ['brushed fleece', 'French terry', 'recycled polyester fleece', 'heavyweight cotton'],
        features: ['a lined hood with flat drawcords', 'a kangaroo pocket', 'ribbed cuffs that hold their stretch', 'a garment-dyed finish'],
      },
      {
        slug: 'jackets', name: 'Jackets & Coats', shape: 'jacket', price: [8900, 29900],
        description: 'Shells, puffers and chore coats for every kind of weather.',
        nouns: ['Rain Shell', 'Puffer Jacket', 'Chore Coat', 'Bomber Jacket', 'Field Jacket', 'Windbreaker', 'Parka', 'Softshell Jacket', 'Denim Jacket', 'Quilted Vest', 'Trench Coat'],
        variants: { kind: 'apparel', sizes: APPAREL_SIZES },
        materials: ['recycled nylon', 'waxed cotton canvas', 'three-layer waterproof membrane', 'ripstop polyester'],
        features: ['taped seams', 'a two-way zip', 'an adjustable storm hood', 'zippered hand pockets'],
      },
      {
        slug: 'jeans', name: 'Jeans & Trousers', shape: 'jeans', price: [5900, 14900],
        description: 'Denim and chinos in slim, straight and relaxed cuts.',
        nouns: ['Slim Jeans', 'Straight Jeans', 'Relaxed Jeans', 'Selvedge Jeans', 'Chinos', 'Cargo Trousers', 'Carpenter Pants', 'Tapered Jeans', 'Work Trousers', 'Corduroy Trousers', 'Joggers'],
        variants: { kind: 'apparel', sizes: ['28', '30', '32', '34', '36', '38'] },
        materials: ['12 oz selvedge denim', 'stretch cotton twill', 'organic denim', 'brushed corduroy'],
        features: ['a gusseted crotch for movement', 'riveted pockets', 'a mid rise', 'a hem ready to cuff'],
      },
    ],
  },
  {
    slug: 'footwear',
    name: 'Footwear',
    description: 'Sneakers, runners and boots, sized in EU.',
    brands: ['Stride', 'Arclight', 'Pathway', 'Ridgeback'],
    children: [
      {
        slug: 'sneakers', name: 'Sneakers', shape: 'sneaker', price: [6900, 18900],
        description: 'Court classics, skate shoes and everyday low-tops.',
        nouns: ['Court Sneaker', 'Low-Top', 'High-Top', 'Skate Shoe', 'Canvas Sneaker', 'Leather Trainer', 'Retro Runner', 'Slip-On', 'Platform Sneaker', 'Knit Sneaker', 'Suede Trainer', 'Drop Sneaker'],
        variants: { kind: 'shoe', sizes: SHOE_SIZES },
        materials: ['full-grain leather', 'recycled canvas', 'suede', 'engineered knit'],
        features: ['a cupsole stitched for durability', 'a cushioned footbed', 'a grippy gum outsole', 'padded collars'],
      },
      {
        slug: 'running-shoes', name: 'Running Shoes', shape: 'sneaker', price: [9900, 21900],
        description: 'Daily trainers, tempo shoes and trail runners.',
        nouns: ['Daily Trainer', 'Tempo Runner', 'Trail Runner', 'Racing Flat', 'Max Cushion', 'Stability Runner', 'Recovery Shoe', 'Track Spike', 'Road Racer', 'Ultra Trail'],
        variants: { kind: 'shoe', sizes: SHOE_SIZES },
        materials: ['breathable mesh', 'supercritical foam', 'recycled engineered mesh', 'carbon-plated foam'],
        features: ['a responsive midsole', 'a rock plate for rough trails', 'reflective details', 'a heel-to-toe drop of 8 mm'],
      },
      {
        slug: 'boots', name: 'Boots', shape: 'boot', price: [12900, 27900],
        description: 'Hiking, work and Chelsea boots that break in, not down.',
        nouns: ['Chelsea Boot', 'Hiking Boot', 'Work Boot', 'Desert Boot', 'Winter Boot', 'Moc-Toe Boot', 'Rain Boot', 'Lace-Up Boot', 'Combat Boot', 'Trail Boot'],
        variants: { kind: 'shoe', sizes: SHOE_SIZES },
        materials: ['oiled leather', 'waterproof nubuck', 'natural rubber', 'suede'],
        features: ['a Goodyear-welted sole', 'a waterproof membrane', 'a lugged outsole', 'a padded tongue'],
      },
    ],
  },
  {
    slug: 'bags-accessories',
    name: 'Bags & Accessories',
    description: 'Carry, cover and keep time.',
    brands: ['Rove', 'Tandem', 'Loftwork', 'Meridian Goods'],
    children: [
      {
        slug: 'backpacks', name: 'Backpacks', shape: 'backpack', price: [5900, 18900],
        description: 'Daypacks, laptop bags and travel packs.',
        nouns: ['Daypack', 'Laptop Backpack', 'Rolltop Pack', 'Travel Pack', 'Sling Bag', 'Commuter Pack', 'Mini Backpack', 'Hiking Pack', 'Duffel Pack', 'Tote Pack', 'Camera Pack'],
        variants: { kind: 'color' },
        materials: ['recycled ripstop', 'waxed canvas', 'ballistic nylon', 'coated polyester'],
        features: ['a padded 16-inch laptop sleeve', 'water-resistant zips', 'a luggage pass-through', 'breathable back panel'],
      },
      {
        slug: 'hats', name: 'Hats & Caps', shape: 'cap', price: [1900, 4900],
        description: 'Caps and beanies for sun and snow.',
        nouns: ['Baseball Cap', 'Five-Panel Cap', 'Trucker Cap', 'Dad Hat', 'Bucket Hat', 'Beanie', 'Camp Cap', 'Running Cap', 'Wool Cap', 'Snapback'],
        variants: { kind: 'color' },
        materials: ['brushed cotton twill', 'merino wool', 'recycled polyester', 'washed canvas'],
        features: ['an adjustable strap', 'a moisture-wicking sweatband', 'a pre-curved brim', 'a packable crown'],
      },
      {
        slug: 'watches', name: 'Watches', shape: 'watch', price: [8900, 34900],
        description: 'Field, dive and dress watches.',
        nouns: ['Field Watch', 'Dive Watch', 'Dress Watch', 'Chronograph', 'Pilot Watch', 'Minimal Watch', 'GMT Watch', 'Automatic Watch', 'Solar Watch', 'Digital Watch'],
        variants: { kind: 'color' },
        materials: ['316L stainless steel', 'titanium', 'sapphire crystal', 'Italian leather strap'],
        features: ['100 m water resistance', 'a luminous dial', 'a quick-release strap', 'a screw-down crown'],
      },
    ],
  },
  {
    slug: 'home-kitchen',
    name: 'Home & Kitchen',
    description: 'Tools for the kitchen and the table.',
    brands: ['Hearth', 'Copperleaf', 'Kiln & Co'],
    children: [
      {
        slug: 'cookware', name: 'Cookware', shape: 'pan', price: [2900, 19900],
        description: 'Pans, skillets and pots that go from stove to table.',
        nouns: ['Cast Iron Skillet', 'Nonstick Pan', 'Carbon Steel Wok', 'Saute Pan', 'Grill Pan', 'Crepe Pan', 'Dutch Oven', 'Saucepan', 'Fry Pan', 'Braiser', 'Stock Pot'],
        variants: { kind: 'capacity', sizes: ['20 cm', '24 cm', '28 cm'] },
        materials: ['pre-seasoned cast iron', 'tri-ply stainless steel', 'carbon steel', 'enamelled cast iron'],
        features: ['oven-safe to 260 °C', 'induction-ready base', 'a riveted stay-cool handle', 'a lifetime warranty'],
      },
      {
        slug: 'mugs', name: 'Mugs & Drinkware', shape: 'mug', price: [1200, 3900],
        description: 'Stoneware mugs, cups and tumblers.',
        nouns: ['Stoneware Mug', 'Latte Cup', 'Espresso Cup', 'Camp Mug', 'Travel Mug', 'Tea Cup', 'Tumbler', 'Pour-Over Set', 'Double-Wall Glass', 'Diner Mug', 'Enamel Mug'],
        variants: { kind: 'color' },
        materials: ['glazed stoneware', 'porcelain', 'enamelled steel', 'borosilicate glass'],
        features: ['dishwasher and microwave safe', 'a comfortable wide handle', 'a reactive glaze, so each one is unique', 'stackable'],
      },
    ],
  },
  {
    slug: 'electronics',
    name: 'Audio & Electronics',
    description: 'Headphones, speakers and the cables that keep them running.',
    brands: ['Sonance', 'Voltaic', 'Aperture'],
    children: [
      {
        slug: 'headphones', name: 'Headphones', shape: 'headphones', price: [4900, 39900],
        description: 'Over-ear, on-ear and studio headphones.',
        nouns: ['Wireless Headphones', 'Studio Monitors', 'Noise-Cancelling Headphones', 'On-Ear Headphones', 'Gaming Headset', 'Open-Back Headphones', 'Travel Headphones', 'Kids Headphones', 'DJ Headphones', 'Sport Headphones', 'Bass Headphones'],
        variants: { kind: 'color' },
        materials: ['memory foam cushions', 'aluminium yokes', 'protein leather', 'beryllium drivers'],
        features: ['40 hours of battery life', 'active noise cancelling', 'multipoint Bluetooth 5.3', 'a foldable design'],
      },
      {
        slug: 'speakers', name: 'Speakers', shape: 'speaker', price: [3900, 29900],
        description: 'Portable and bookshelf speakers.',
        nouns: ['Portable Speaker', 'Bookshelf Speaker', 'Smart Speaker', 'Waterproof Speaker', 'Party Speaker', 'Soundbar', 'Mini Speaker', 'Desk Speaker', 'Outdoor Speaker', 'Radio Speaker'],
        variants: { kind: 'color' },
        materials: ['woven fabric grille', 'anodised aluminium', 'recycled plastics', 'walnut veneer'],
        features: ['IP67 waterproofing', 'stereo pairing', '20 hours of playback', 'USB-C charging'],
      },
      {
        slug: 'chargers', name: 'Chargers & Cables', shape: 'charger', price: [1500, 8900],
        description: 'Fast chargers, power banks and braided cables.',
        nouns: ['65W Charger', 'Power Bank', 'Braided USB-C Cable', 'Wireless Charger', 'Car Charger', 'Travel Adapter', 'Charging Stand', 'Multi-Port Charger', 'Magnetic Cable', 'Solar Charger', '100W Charger'],
        variants: { kind: 'single' },
        materials: ['gallium nitride', 'braided nylon', 'aluminium housing', 'recycled plastic'],
        features: ['fast charging for laptops and phones', 'over-heat protection', 'a foldable plug', 'a two-year warranty'],
      },
    ],
  },
  {
    slug: 'outdoor',
    name: 'Outdoor',
    description: 'Shelter and sleep for nights under the sky.',
    brands: ['Timberline', 'Basecamp', 'Alpenglow'],
    children: [
      {
        slug: 'tents', name: 'Tents', shape: 'tent', price: [12900, 59900],
        description: 'Backpacking, family and four-season tents.',
        nouns: ['Backpacking Tent', 'Family Tent', 'Dome Tent', 'Tunnel Tent', 'Ultralight Tent', 'Four-Season Tent', 'Bivy Shelter', 'Tarp Shelter', 'Pop-Up Tent', 'Trekking Pole Tent', 'Cabin Tent'],
        variants: { kind: 'capacity', sizes: ['1 person', '2 person', '4 person'] },
        materials: ['silnylon', 'ripstop polyester', 'DAC aluminium poles', 'Dyneema composite'],
        features: ['two doors and vestibules', 'a fully taped fly', 'colour-coded poles', 'a packed weight under 2 kg'],
      },
      {
        slug: 'sleeping-bags', name: 'Sleeping Bags', shape: 'sleeping-bag', price: [7900, 39900],
        description: 'Down and synthetic bags rated for every season.',
        nouns: ['Down Sleeping Bag', 'Synthetic Bag', 'Quilt', 'Mummy Bag', 'Rectangular Bag', 'Summer Bag', 'Winter Bag', 'Double Bag', 'Kids Sleeping Bag', 'Travel Liner'],
        variants: { kind: 'capacity', sizes: ['Regular', 'Long'] },
        materials: ['800-fill responsibly sourced down', 'synthetic insulation', 'ripstop nylon shell', 'brushed polyester lining'],
        features: ['a draft collar', 'a full-length zip', 'a compression sack', 'a comfort rating of -5 °C'],
      },
    ],
  },
  {
    slug: 'sports',
    name: 'Sports & Fitness',
    description: 'Gear for the studio, the gym and the trail.',
    brands: ['Pulse', 'Flowstate', 'Kinetic'],
    children: [
      {
        slug: 'yoga', name: 'Yoga', shape: 'yoga-mat', price: [2900, 12900],
        description: 'Mats, blocks and straps.',
        nouns: ['Yoga Mat', 'Travel Mat', 'Cork Mat', 'Thick Mat', 'Hot Yoga Mat', 'Alignment Mat', 'Kids Mat', 'Studio Mat', 'Grip Mat', 'Rubber Mat'],
        variants: { kind: 'color' },
        materials: ['natural rubber', 'cork', 'TPE foam', 'jute'],
        features: ['a non-slip surface, wet or dry', 'alignment lines', 'a carry strap included', '5 mm of cushioning'],
      },
      {
        slug: 'water-bottles', name: 'Water Bottles', shape: 'bottle', price: [1500, 4900],
        description: 'Insulated bottles and flasks.',
        nouns: ['Insulated Bottle', 'Sport Bottle', 'Flask', 'Trail Bottle', 'Glass Bottle', 'Kids Bottle', 'Wide Mouth Bottle', 'Straw Bottle', 'Collapsible Bottle', 'Filter Bottle'],
        variants: { kind: 'capacity', sizes: ['500 ml', '750 ml', '1 L'] },
        materials: ['double-wall stainless steel', 'BPA-free Tritan', 'borosilicate glass', 'food-grade silicone'],
        features: ['keeps drinks cold for 24 hours', 'a leak-proof lid', 'dishwasher safe', 'a powder-coated grip'],
      },
    ],
  },
  {
    slug: 'stationery',
    name: 'Stationery',
    description: 'Notebooks and pens for people who still write things down.',
    brands: ['Inkwell', 'Margin', 'Folio'],
    children: [
      {
        slug: 'notebooks', name: 'Notebooks', shape: 'notebook', price: [900, 3900],
        description: 'Dotted, lined and blank notebooks.',
        nouns: ['Dotted Notebook', 'Lined Journal', 'Sketchbook', 'Pocket Notebook', 'Planner', 'Field Notes', 'Hardcover Journal', 'Grid Notebook', 'Travel Journal', 'Reporter Pad', 'Softcover Notebook'],
        variants: { kind: 'capacity', sizes: ['A6', 'A5', 'A4'] },
        materials: ['100 gsm acid-free paper', 'recycled paper', 'linen cover', 'vegan leather cover'],
        features: ['lay-flat binding', 'numbered pages', 'an elastic closure', 'a ribbon bookmark'],
      },
      {
        slug: 'pens', name: 'Pens', shape: 'pen', price: [500, 8900],
        description: 'Fountain pens, rollerballs and fineliners.',
        nouns: ['Fountain Pen', 'Rollerball', 'Gel Pen', 'Fineliner', 'Brush Pen', 'Ballpoint', 'Mechanical Pencil', 'Brass Pen', 'Calligraphy Pen', 'Pocket Pen'],
        variants: { kind: 'color' },
        materials: ['machined brass', 'anodised aluminium', 'resin', 'recycled plastic'],
        features: ['a smooth medium nib', 'refillable cartridges', 'a secure pocket clip', 'quick-drying ink'],
      },
    ],
  },
];
