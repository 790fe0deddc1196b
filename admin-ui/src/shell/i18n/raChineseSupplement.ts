// Chinese for the react-admin 5 keys that @haxqer/ra-language-chinese (written for
// react-admin 4) lacks. Compared key by key with ra-language-english 5.15; a key added by a
// later react-admin and missing here still shows in English (see i18nProvider.ts), never raw.

export const raChineseSupplement = {
  ra: {
    action: {
      reset: '重置',
      search_columns: '搜索列',
      select_all_button: '全选',
    },
    page: {
      access_denied: '无权访问',
      authentication_error: '认证错误',
    },
    message: {
      access_denied: '您没有访问此页面的权限',
      authentication_error: '认证服务返回了错误，无法校验您的登录凭据。',
      select_all_limit_reached: '可选数据过多，仅选中了前 %{max} 项。',
      placeholder_data_warning: '网络问题：数据刷新失败。',
    },
    navigation: {
      clear_filters: '清除筛选条件',
      no_filtered_results: '当前筛选条件下没有找到%{name}。',
    },
    auth: {
      email: '电子邮箱',
    },
    notification: {
      offline: '网络未连接，无法获取数据。',
    },
    validation: {
      unique: '不能重复',
    },
    guesser: {
      empty: {
        title: '没有可显示的数据',
        message: '请检查数据提供者（data provider）',
      },
    },
  },
};
