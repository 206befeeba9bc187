/** An item as the shop shows it (`toPublicItem`). */
export type ShopItem = {
  sku: string;
  nameKo: string;
  nameEn: string;
  descriptionKo: string;
  descriptionEn: string;
  imageUrl: string | null;
  cost: number;
  stock: number;
  active: boolean;
  soldOut: boolean;
};

/** The viewer's language picks the name and description; the other language is the fallback. */
export function localized(item: { nameKo: string; nameEn: string }, locale: string): string {
  return (locale === "ko" ? item.nameKo : item.nameEn) || item.nameKo || item.nameEn;
}

export function localizedDescription(
  item: { descriptionKo: string; descriptionEn: string },
  locale: string,
): string {
  return (
    (locale === "ko" ? item.descriptionKo : item.descriptionEn) || item.descriptionKo || item.descriptionEn
  );
}
