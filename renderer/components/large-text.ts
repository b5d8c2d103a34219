import { createContext } from 'react';

/** True at 200 % text: components with a shorter form (pager, step indicator) use it. */
export const LargeTextContext = createContext(false);
