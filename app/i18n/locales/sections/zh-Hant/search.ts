/** The one search box for everything. */
export const search = {
  nav: "搜尋",
  title: "全站搜尋",
  intro: "一次搜尋供需、應用場景、成員單位與企業畫像、工作組和標準草案。簡體、繁體和英文都可以。",
  placeholder: "搜尋供需、場景、單位、標準……",
  submit: "搜尋",
  none: "沒有找到與「{{q}}」相關的內容。換個說法，或少用幾個詞試試。",
  count: "共 {{count}} 條",
  more: "查看全部",
  kinds: {
    listing: "供需資訊",
    scenario: "應用場景",
    organisation: "成員單位與企業畫像",
    group: "標準工作組",
    draft: "標準草案",
  },
} as const;
