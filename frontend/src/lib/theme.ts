import {
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';

// A deep, desaturated navy: calm and serious, readable on white at every shade used for text.
const navy: MantineColorsTuple = [
  '#eef3f8',
  '#dbe4ee',
  '#b4c6da',
  '#8aa6c5',
  '#678bb3',
  '#517aa8',
  '#4571a3',
  '#365f8f',
  '#2d5480',
  '#1f4671',
];

const fontFamily =
  '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Yu Gothic", "YuGothic", Meiryo, system-ui, sans-serif';

// Small Japanese labels must keep a WCAG AA contrast (axe checks it in every journey). On the tinted
// background of the light variant even the darkest shade of green, teal, yellow or orange stays under
// 4.5:1, so light badges and alerts write in near-black and carry their colour in the tint; subtle and
// outline ones, on white, use the colour's darkest shade, except where even that is under 4.5:1 on white
// (green 4.4, orange 4.3, lime 3.7, yellow 3.0): those write in near-black too, an outline keeping the colour.
const PALE_ON_WHITE = new Set(['green', 'orange', 'lime', 'yellow']);
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return colors;
  const darkest = `var(--mantine-color-${parsed.color}-9)`;
  const text = PALE_ON_WHITE.has(parsed.color) ? 'var(--mantine-color-gray-9)' : darkest;
  if (input.variant === 'light') return { ...colors, color: 'var(--mantine-color-gray-9)' };
  if (input.variant === 'subtle') return { ...colors, color: text };
  if (input.variant === 'outline') return { ...colors, color: text, border: `1px solid ${darkest}` };
  return colors;
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Mantine's default dimmed grey (#868e96) is 3.3:1 on white; this one is 5.9:1.
  // Field errors: Mantine's red (#fa5252) is 3.5:1 on white; red-9 is 5.6:1.
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});

export const theme = createTheme({
  primaryColor: 'navy',
  primaryShade: 8,
  colors: { navy },
  fontFamily,
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace',
  headings: { fontFamily, fontWeight: '600' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  variantColorResolver,
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Modal: { defaultProps: { centered: true } },
    // Japanese labels in badges: no capitals to transform, and small kana need a readable size.
    Badge: { styles: { root: { textTransform: 'none', fontWeight: 500, letterSpacing: 0 } } },
  },
});
