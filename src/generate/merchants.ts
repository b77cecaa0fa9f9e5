// made-up merchant names by country (no real companies); plain ASCII, no commas or quotes.

/** Countries that merchants sit in, matching the currencies in the same order. */
export const COUNTRIES = ["US", "JP", "CN", "FR", "GB", "SG"] as const;
/** Currency of each country above. */
export const CURRENCIES = ["USD", "JPY", "CNY", "EUR", "GBP", "SGD"] as const;

/** Merchant names per country, indexed like COUNTRIES. */
export const MERCHANTS_BY_COUNTRY: readonly (readonly string[])[] = [
  [
    "Copperline Outfitters",
    "Blue Heron Books",
    "Prairie Lantern Goods",
    "Northgate Sneaker Lab",
    "Redwood Pixel Games",
    "Harbor and Vine Home",
    "Juniper Lane Apparel",
    "Cinder Peak Audio",
    "Maplewood Toy Works",
    "Sunbelt Grill Supply",
  ],
  [
    "Sakuragi Stationery",
    "Hoshizora Figure Shop",
    "Kawabe Tea House",
    "Mochizuki Beauty",
    "Aoiro Camera Works",
    "Tsukimi Kitchenware",
    "Nishikaze Denki",
    "Yukihana Kimono",
  ],
  [
    "Jade Lotus Bazaar",
    "Golden Carp Electronics",
    "Silk Lantern Mall",
    "Panda Hill Tea",
    "Red Crane Cosmetics",
    "Dragon Gate Digital",
    "Plum Blossom Home",
    "Bamboo Grove Market",
  ],
  [
    "Atelier Bleu Marine",
    "Petit Colibri Paris",
    "La Belle Cuillere",
    "Rue des Tilleuls",
    "Domaine Mirabelle Vins",
    "Boutique Sous le Pont",
    "Parfums de Loire",
    "Maison Pervenche",
  ],
  [
    "Thistle and Thimble",
    "Old Quay Trading Co",
    "Bramble Hill Books",
    "Kestrel Kit Supply",
    "Foxglove Tea Rooms",
    "Wrenfield Prints",
    "Harrowgate Knitwear",
    "Cobble Street Games",
  ],
  [
    "Merlion Gadget Hub",
    "Orchid Bay Beauty",
    "Kopi Corner Online",
    "Lion City Sneakers",
    "Marina Tidal Home",
    "Pandan Leaf Bakery",
    "Kampong Glow Optics",
    "Tembusu Tech Mart",
  ],
];
