// opencc-js ships no type declarations; this covers the one call WalletDesk makes.
declare module 'opencc-js' {
  type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 'jp' | 't';
  const OpenCC: { Converter(options: { from: Locale; to: Locale }): (text: string) => string };
  export default OpenCC;
}
