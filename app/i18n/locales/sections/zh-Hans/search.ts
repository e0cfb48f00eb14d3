/** The one search box for everything. */
export const search = {
  nav: "搜索",
  title: "全站搜索",
  intro: "一次搜索供需、应用场景、成员单位与企业画像、工作组和标准草案。简体、繁体和英文都可以。",
  placeholder: "搜索供需、场景、单位、标准……",
  submit: "搜索",
  none: "没有找到与“{{q}}”相关的内容。换个说法，或少用几个词试试。",
  count: "共 {{count}} 条",
  more: "查看全部",
  kinds: {
    listing: "供需信息",
    scenario: "应用场景",
    organisation: "成员单位与企业画像",
    group: "标准工作组",
    draft: "标准草案",
  },
} as const;
