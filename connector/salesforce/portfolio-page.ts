/**
 * Page entry of the portfolio reader (dist/connector/collections-portfolio.iife.js, global
 * `CollectionsPortfolio`): what the worklist page needs to read one collector's book, and the
 * reports tab its report pass (`readReport`), apart from the panel's connector bundle so the panel
 * does not carry the portfolio queries (~5 KB gzip) nor the portfolio facts.
 */
export { createPortfolioReader } from './portfolio/page';
export type { PagePortfolioReader, PageReportData } from './portfolio/page';
