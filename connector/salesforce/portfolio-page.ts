/**
 * Page entry of the portfolio reader (dist/connector/collections-portfolio.iife.js, global
 * `CollectionsPortfolio`): what the worklist page needs to read one collector's book, apart from the
 * panel's connector bundle so the panel does not carry the portfolio queries (~5 KB gzip).
 */
export { createPortfolioReader } from './portfolio/page';
export type { PagePortfolioReader } from './portfolio/page';
