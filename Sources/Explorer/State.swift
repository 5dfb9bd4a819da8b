import SDMGrad
import TerminalUI
